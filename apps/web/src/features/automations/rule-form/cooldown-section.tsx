// 5. 쿨다운: how long the same record waits before this rule may message it again.
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RuleFormValues } from '../draft';
import { cooldownSentence } from '../text';
import { BuilderSection, NumberField, useMessage } from './form-bits';

export function CooldownSection({ ids }: { ids: string }) {
  const { t } = useTranslation('automations');
  const msg = useMessage();
  const { control, register, formState } = useFormContext<RuleFormValues>();
  const { errors } = formState;
  const cooldownHours = useWatch({ control, name: 'cooldownHours' });

  return (
    <BuilderSection index={5} id={`${ids}-s5`} title={t('builder.sections.cooldown')}>
      <NumberField
        id={`${ids}-cooldown`}
        label={t('builder.cooldown.label')}
        hint={t('builder.cooldown.hint')}
        error={msg(errors.cooldownHours?.message)}
        min={0}
        max={720}
        {...register('cooldownHours', { valueAsNumber: true })}
      />
      {Number.isInteger(cooldownHours) && cooldownHours >= 0 && (
        <p className="text-sm">{cooldownSentence(cooldownHours, t)}</p>
      )}
    </BuilderSection>
  );
}
