// 3. 트리거와 조건: when the rule fires, and the condition read back as a sentence.
import type { FieldDefinition } from '@alimflow/automation-core';
import { AlertTriangle } from 'lucide-react';
import { useMemo } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { RadioCard, RadioGroup } from '@/components/ui/radio-group';
import { ConditionBuilder } from '../condition-builder';
import { editorIssues, editorToCondition, usesCondition, type RuleFormValues } from '../draft';
import { conditionSentence, langOf } from '../text';
import { BuilderSection, FieldError, ReadBack } from './form-bits';

export function TriggerSection({ ids, fields }: { ids: string; fields: FieldDefinition[] }) {
  const { t, i18n } = useTranslation('automations');
  const lang = langOf(i18n.resolvedLanguage);
  const { control, register, formState } = useFormContext<RuleFormValues>();
  const { errors, isSubmitted } = formState;
  const [triggerType, condition] = useWatch({ control, name: ['triggerType', 'condition'] });
  const conditional = usesCondition(triggerType);
  const allowChangeOperators = triggerType === 'on_update';
  const conditionIssues = useMemo(
    () => editorIssues(condition, fields, { allowChangeOperators }),
    [condition, fields, allowChangeOperators],
  );
  const conditionText = conditionSentence(
    editorToCondition(condition, fields, { skipIncomplete: true }),
    fields,
    lang,
  );

  return (
    <BuilderSection index={3} id={`${ids}-s3`} title={t('builder.sections.trigger')}>
      <RadioGroup legend={t('builder.trigger.label')}>
        {(['on_create', 'on_update', 'manual'] as const).map((type) => (
          <RadioCard
            key={type}
            value={type}
            label={t(`builder.trigger.${type}`)}
            hint={t(`builder.trigger.${type}Hint`)}
            {...register('triggerType')}
          />
        ))}
      </RadioGroup>

      {triggerType === 'on_update' && (
        <RadioGroup legend={t('builder.fireOn.label')}>
          {(['became_true', 'every_matching_update'] as const).map((fireOn) => (
            <RadioCard
              key={fireOn}
              value={fireOn}
              label={t(`builder.fireOn.${fireOn}`)}
              hint={t(`builder.fireOn.${fireOn}Hint`)}
              {...register('fireOn')}
            />
          ))}
        </RadioGroup>
      )}

      {conditional ? (
        <div className="space-y-3">
          <h4 className="text-sm font-medium" id={`${ids}-condition-label`}>
            {t('builder.condition.label')}
          </h4>
          <p className="text-xs text-muted-foreground">{t('builder.condition.none')}</p>
          <Controller
            control={control}
            name="condition"
            render={({ field }) => (
              <ConditionBuilder
                kind="trigger"
                value={field.value}
                onChange={field.onChange}
                fields={fields}
                allowChangeOperators={allowChangeOperators}
                issues={conditionIssues}
                showRequired={isSubmitted}
              />
            )}
          />
          <ReadBack label={t('builder.condition.readBack')} text={conditionText} />
          <FieldError message={errors.condition?.message} id={`${ids}-condition-error`} />
        </div>
      ) : (
        <Alert>
          <AlertTriangle aria-hidden="true" />
          <span>{t('builder.trigger.manualNoCondition')}</span>
        </Alert>
      )}
    </BuilderSection>
  );
}
