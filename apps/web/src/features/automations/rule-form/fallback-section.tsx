// 6. 대체 발송: when KakaoTalk cannot deliver (not a KakaoTalk user, blocked), NHN sends an SMS or LMS instead. The
// builder shows, before saving, whether the text will be cut to the byte limit and how big it is.
import { LMS_MAX_BYTES, LMS_TITLE_MAX_BYTES, SMS_MAX_BYTES } from '@alimflow/automation-core';
import { AlertTriangle } from 'lucide-react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { RadioCard, RadioGroup } from '@/components/ui/radio-group';
import type { Template } from '../api-types';
import type { RuleFormValues } from '../draft';
import { fallbackPreview } from '../fallback-draft';
import { BuilderSection, FieldError } from './form-bits';

export function FallbackSection({ ids, template, index }: { ids: string; template: Template | undefined; index: number }) {
  const { t } = useTranslation('automations');
  const { control, register, formState } = useFormContext<RuleFormValues>();
  const { errors } = formState;
  const [fallbackType, fallbackSendNo, fallbackTitle, fallbackContent] = useWatch({
    control,
    name: ['fallbackType', 'fallbackSendNo', 'fallbackTitle', 'fallbackContent'],
  });
  const values = { fallbackType, fallbackSendNo, fallbackTitle, fallbackContent };
  const plan = fallbackPreview(values, template?.content);
  const limit = fallbackType === 'LMS' ? LMS_MAX_BYTES : SMS_MAX_BYTES;
  const id = `${ids}-fallback`;

  return (
    <BuilderSection index={index} id={`${ids}-s-fallback`} title={t('builder.sections.fallback')}>
      <RadioGroup legend={t('builder.fallback.label')} description={t('builder.fallback.description')}>
        {(['off', 'SMS', 'LMS'] as const).map((type) => (
          <RadioCard key={type} value={type} label={t(`builder.fallback.${type}`)} hint={t(`builder.fallback.${type}Hint`)} {...register('fallbackType')} />
        ))}
      </RadioGroup>

      {fallbackType !== 'off' && (
        <div className="space-y-4">
          <div className="space-y-2">
            <Label htmlFor={`${id}-sendno`}>{t('builder.fallback.sendNo')}</Label>
            <Input
              id={`${id}-sendno`}
              className="w-56"
              inputMode="tel"
              autoComplete="off"
              placeholder="02-1234-5678"
              aria-invalid={errors.fallbackSendNo ? true : undefined}
              aria-describedby={`${id}-sendno-hint${errors.fallbackSendNo ? ` ${id}-sendno-error` : ''}`}
              {...register('fallbackSendNo')}
            />
            <p id={`${id}-sendno-hint`} className="text-xs text-muted-foreground">
              {t('builder.fallback.sendNoHint')}
            </p>
            <FieldError message={errors.fallbackSendNo?.message} id={`${id}-sendno-error`} />
          </div>

          {fallbackType === 'LMS' && (
            <div className="space-y-2">
              <Label htmlFor={`${id}-title`}>{t('builder.fallback.title')}</Label>
              <Input id={`${id}-title`} autoComplete="off" placeholder={t('builder.fallback.titlePlaceholder')} aria-describedby={`${id}-title-hint`} {...register('fallbackTitle')} />
              <p id={`${id}-title-hint`} className="text-xs text-muted-foreground">
                {t('builder.fallback.titleHint', { limit: LMS_TITLE_MAX_BYTES })}
              </p>
              <FieldError message={errors.fallbackTitle?.message} id={`${id}-title-error`} />
            </div>
          )}

          <div className="space-y-2">
            <Label htmlFor={`${id}-content`}>{t('builder.fallback.content')}</Label>
            <textarea
              id={`${id}-content`}
              rows={4}
              className="w-full rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50"
              placeholder={t('builder.fallback.contentPlaceholder')}
              aria-describedby={`${id}-content-hint`}
              {...register('fallbackContent')}
            />
            <p id={`${id}-content-hint`} className="text-xs text-muted-foreground">
              {t('builder.fallback.contentHint')}
            </p>
            <FieldError message={errors.fallbackContent?.message} id={`${id}-content-error`} />
          </div>

          {plan && (
            <div className="space-y-2" aria-live="polite">
              <p className="text-sm" data-testid="fallback-size">
                {t('builder.fallback.size', { type: fallbackType, bytes: plan.content?.fullBytes ?? 0, limit })}
              </p>
              {plan.warnings.map((w) => (
                <Alert key={w.code} variant="warning" role="status">
                  <AlertTriangle aria-hidden="true" />
                  <span>
                    {w.code === 'unsupported_characters'
                      ? t('builder.fallback.warnings.unsupported', { characters: w.characters.join(' ') })
                      : t(`builder.fallback.warnings.${w.code}`, { type: fallbackType, bytes: w.bytes, limit: w.limit })}
                  </span>
                </Alert>
              ))}
            </div>
          )}
        </div>
      )}
    </BuilderSection>
  );
}
