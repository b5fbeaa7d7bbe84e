// 2. 대상: the partition, the phone field messages go to, and which field fills each template variable.
import type { FieldDefinition } from '@alimflow/automation-core';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { Partition, Template } from '../api-types';
import { defaultRecipientField, emptyGroup, phoneFields, type RuleFormValues } from '../draft';
import { BuilderSection, FieldError } from './form-bits';

export interface TargetSectionProps {
  ids: string;
  partitions: Partition[];
  partition: Partition | undefined;
  fields: FieldDefinition[];
  template: Template | undefined;
  editing: boolean;
}

export function TargetSection({ ids, partitions, partition, fields, template, editing }: TargetSectionProps) {
  const { t } = useTranslation('automations');
  const { control, setValue, formState } = useFormContext<RuleFormValues>();
  const { errors, isSubmitted } = formState;
  const mappings = useWatch({ control, name: 'mappings' });
  const phones = phoneFields(fields);

  const onPartitionChange = (id: string) => {
    const next = partitions.find((p) => p.id === id);
    setValue('partitionId', id, { shouldValidate: isSubmitted, shouldDirty: true });
    setValue('recipientField', defaultRecipientField(next), { shouldValidate: isSubmitted });
    // The old partition's fields mean nothing here.
    setValue('condition', emptyGroup('all'));
    setValue('stopCondition', emptyGroup('all'));
  };

  return (
    <BuilderSection index={2} id={`${ids}-s2`} title={t('builder.sections.target')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2 content-start">
          <Label id={`${ids}-partition-label`}>{t('builder.target.partition')}</Label>
          <Controller
            control={control}
            name="partitionId"
            render={({ field }) => (
              <Select value={field.value || undefined} onValueChange={onPartitionChange} disabled={editing}>
                <SelectTrigger
                  ref={field.ref}
                  className="w-full"
                  aria-labelledby={`${ids}-partition-label`}
                  aria-describedby={`${ids}-partition-hint`}
                  aria-invalid={errors.partitionId ? true : undefined}
                >
                  <SelectValue placeholder={t('builder.target.partitionPlaceholder')} />
                </SelectTrigger>
                <SelectContent>
                  {partitions.map((p) => (
                    <SelectItem key={p.id} value={p.id}>
                      {p.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
          <p id={`${ids}-partition-hint`} className="text-xs text-muted-foreground">
            {editing ? t('builder.target.partitionLocked') : t('builder.target.partitionHint')}
          </p>
          <FieldError message={errors.partitionId?.message} id={`${ids}-partition-error`} />
        </div>
        <div className="space-y-2">
          <Label id={`${ids}-recipient-label`}>{t('builder.target.recipient')}</Label>
          <Controller
            control={control}
            name="recipientField"
            render={({ field }) => (
              <Select
                value={field.value || undefined}
                onValueChange={field.onChange}
                disabled={phones.length === 0}
              >
                <SelectTrigger
                  ref={field.ref}
                  className="w-full"
                  aria-labelledby={`${ids}-recipient-label`}
                  aria-describedby={`${ids}-recipient-hint${errors.recipientField ? ` ${ids}-recipient-error` : ''}`}
                  aria-invalid={errors.recipientField ? true : undefined}
                >
                  <SelectValue placeholder={t('builder.target.recipientPlaceholder')} />
                </SelectTrigger>
                <SelectContent>
                  {phones.map((f) => (
                    <SelectItem key={f.key} value={f.key}>
                      {f.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
          <p id={`${ids}-recipient-hint`} className="text-xs text-muted-foreground">
            {partition && phones.length === 0
              ? t('builder.target.noPhoneField')
              : t('builder.target.recipientHint')}
          </p>
          <FieldError message={errors.recipientField?.message} id={`${ids}-recipient-error`} />
        </div>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t('builder.target.variables')}</legend>
        {!template ? (
          <p className="text-sm text-muted-foreground">{t('builder.target.pickTemplateFirst')}</p>
        ) : mappings.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('builder.target.noVariables')}</p>
        ) : (
          <>
            <p className="text-xs text-muted-foreground">{t('builder.target.variablesHint')}</p>
            <ul className="space-y-2">
              {mappings.map((mapping, i) => {
                const error = errors.mappings?.[i]?.field?.message;
                const errorId = `${ids}-map-${i}-error`;
                return (
                  <li key={mapping.variable} className="grid items-start gap-2 sm:grid-cols-[10rem_1fr]">
                    <code className="mt-2 w-fit rounded bg-amber-100 px-1.5 py-0.5 font-sans text-sm text-amber-950">{`#{${mapping.variable}}`}</code>
                    <div className="grid gap-1">
                      <Controller
                        control={control}
                        name={`mappings.${i}.field`}
                        render={({ field }) => (
                          <Select value={field.value || undefined} onValueChange={field.onChange}>
                            <SelectTrigger
                              ref={field.ref}
                              className="w-full sm:w-64"
                              aria-label={t('builder.target.variableField', {
                                variable: `#{${mapping.variable}}`,
                              })}
                              aria-invalid={error ? true : undefined}
                              aria-describedby={error ? errorId : undefined}
                            >
                              <SelectValue placeholder={t('builder.target.fieldPlaceholder')} />
                            </SelectTrigger>
                            <SelectContent>
                              {fields.map((f) => (
                                <SelectItem key={f.key} value={f.key}>
                                  {f.label}
                                </SelectItem>
                              ))}
                            </SelectContent>
                          </Select>
                        )}
                      />
                      <FieldError message={error} id={errorId} />
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </fieldset>
    </BuilderSection>
  );
}
