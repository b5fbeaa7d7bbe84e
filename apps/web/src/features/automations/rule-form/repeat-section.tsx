// 4. 반복: remind every N hours, at most M times, until a stop condition holds.
import { isWholeIn, MAX_REPEAT, MAX_REPEAT_INTERVAL_HOURS, type FieldDefinition } from '@alimflow/automation-core';
import { useMemo } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { ConditionBuilder } from '../condition-builder';
import { editorIssues, editorToCondition, usesCondition, type RuleFormValues } from '../draft';
import { conditionSentence, hoursText, langOf } from '../text';
import { BuilderSection, FieldError, NumberField, ReadBack, useMessage } from './form-bits';

export function RepeatSection({ ids, fields }: { ids: string; fields: FieldDefinition[] }) {
  const { t, i18n } = useTranslation('automations');
  const lang = langOf(i18n.resolvedLanguage);
  const msg = useMessage();
  const { control, register, formState } = useFormContext<RuleFormValues>();
  const { errors, isSubmitted } = formState;
  const [triggerType, repeatEnabled, stopEditor, intervalHours, maxRepeat] = useWatch({
    control,
    name: ['triggerType', 'repeatEnabled', 'stopCondition', 'intervalHours', 'maxRepeat'],
  });
  const conditional = usesCondition(triggerType);
  const stopIssues = useMemo(
    () => editorIssues(stopEditor, fields, { allowChangeOperators: false }),
    [stopEditor, fields],
  );
  const stopCondition = editorToCondition(stopEditor, fields, { skipIncomplete: true });

  return (
    <BuilderSection index={4} id={`${ids}-s4`} title={t('builder.sections.repeat')}>
      <div className="flex items-start gap-3">
        <Checkbox
          id={`${ids}-repeat`}
          className="mt-0.5"
          disabled={!conditional}
          aria-describedby={`${ids}-repeat-hint`}
          {...register('repeatEnabled')}
        />
        <div className="space-y-1">
          <Label htmlFor={`${ids}-repeat`}>{t('builder.repeat.enable')}</Label>
          <p id={`${ids}-repeat-hint`} className="text-xs text-muted-foreground">
            {conditional ? t('builder.repeat.enableHint') : t('builder.repeat.onlyAuto')}
          </p>
        </div>
      </div>
      {conditional && repeatEnabled && (
        <div className="space-y-4 border-l-2 border-amber-200 pl-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <NumberField
              id={`${ids}-interval`}
              label={t('builder.repeat.interval')}
              hint={t('builder.repeat.intervalHint')}
              error={msg(errors.intervalHours?.message)}
              min={1}
              max={720}
              {...register('intervalHours', { valueAsNumber: true })}
            />
            <NumberField
              id={`${ids}-max`}
              label={t('builder.repeat.maxRepeat')}
              hint={t('builder.repeat.maxRepeatHint')}
              error={msg(errors.maxRepeat?.message)}
              min={1}
              max={10}
              {...register('maxRepeat', { valueAsNumber: true })}
            />
          </div>
          <div className="space-y-3">
            <h4 className="text-sm font-medium">{t('builder.repeat.stopCondition')}</h4>
            <p className="text-xs text-muted-foreground">{t('builder.repeat.stopHint')}</p>
            <Controller
              control={control}
              name="stopCondition"
              render={({ field }) => (
                <ConditionBuilder
                  kind="stop"
                  value={field.value}
                  onChange={field.onChange}
                  fields={fields}
                  allowChangeOperators={false}
                  issues={stopIssues}
                  showRequired={isSubmitted}
                />
              )}
            />
            {stopCondition && (
              <ReadBack
                label={t('builder.condition.readBack')}
                text={conditionSentence(stopCondition, fields, lang)}
              />
            )}
            <FieldError message={errors.stopCondition?.message} id={`${ids}-stop-error`} />
          </div>
          <p className="text-sm">
            {/* Only a schedule that could be saved is read back: "0시간마다 … 최대 11번" beside its own errors misleads. */}
            {isWholeIn(intervalHours, 1, MAX_REPEAT_INTERVAL_HOURS) && isWholeIn(maxRepeat, 1, MAX_REPEAT)
              ? t('builder.repeat.explain', { interval: hoursText(intervalHours, t), count: maxRepeat })
              : null}
          </p>
        </div>
      )}
    </BuilderSection>
  );
}
