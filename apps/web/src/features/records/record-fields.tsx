// The inputs of a record form, one per partition field: text, number, date, select and phone, each labelled, with
// its error tied to it (aria-describedby) so a screen reader reads them together.
import { normalizePhone } from '@alimflow/automation-core';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { DateInput } from '@/components/ui/date-input';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { formatPhoneNumber } from '@/lib/format';
import { fieldProblems } from '@/lib/trpc';
import { resolveJosa } from './josa';
import { fieldName, placeFieldProblems, type FieldDef, type RecordFormValues } from './record-form';

const NONE = '__none__';

export function RecordFields({ fields, form, idPrefix }: { fields: readonly FieldDef[]; form: UseFormReturn<RecordFormValues>; idPrefix: string }) {
  const { t } = useTranslation('records');
  const { errors } = form.formState;
  return (
    <div className="space-y-4">
      {fields.map((field, index) => {
        const name = fieldName(index);
        const id = `${idPrefix}-${name}`;
        const errorId = `${id}-error`;
        const message = errors[name]?.message;
        const text = message?.startsWith('form.') ? resolveJosa(t(message as 'form.errors.number', { label: field.label })) : message;
        const invalid = !!text;
        const describedBy = invalid ? errorId : undefined;
        return (
          <div key={field.key} className="space-y-1.5">
            <Label htmlFor={id}>{field.label}</Label>
            {field.type === 'select' ? (
              <Controller
                control={form.control}
                name={name}
                render={({ field: control }) => (
                  <Select value={control.value || NONE} onValueChange={(value) => control.onChange(value === NONE ? '' : value)}>
                    <SelectTrigger id={id} ref={control.ref} onBlur={control.onBlur} className="w-full" aria-invalid={invalid || undefined} aria-describedby={describedBy}>
                      <SelectValue placeholder={t('form.selectPlaceholder')} />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value={NONE}>
                        <span className="text-muted-foreground">{t('form.noneOption')}</span>
                      </SelectItem>
                      {(field.options ?? []).map((option) => (
                        <SelectItem key={option} value={option}>
                          {option}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            ) : field.type === 'date' ? (
              <Controller
                control={form.control}
                name={name}
                render={({ field: control }) => (
                  // Unreadable text goes to the form as typed, so the form's date check refuses it instead of
                  // saving the last readable day.
                  <DateInput
                    id={id}
                    ref={control.ref}
                    value={control.value ?? ''}
                    onChange={control.onChange}
                    onUnreadable={control.onChange}
                    onBlur={control.onBlur}
                    aria-invalid={invalid || undefined}
                    aria-describedby={describedBy}
                  />
                )}
              />
            ) : (
              <Input
                id={id}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                {...(field.type === 'number' ? { inputMode: 'decimal' as const, placeholder: t('form.numberPlaceholder') } : {})}
                {...(field.type === 'phone' ? { type: 'tel', autoComplete: 'off', placeholder: t('form.phonePlaceholder') } : {})}
                {...form.register(name, {
                  // Shown the way it is stored and displayed everywhere: 010-1234-5678.
                  onBlur: (event: { target: { value: string } }) => {
                    if (field.type !== 'phone') return;
                    const value = event.target.value;
                    if (normalizePhone(value).ok) form.setValue(name, formatPhoneNumber(value), { shouldDirty: true });
                  },
                })}
              />
            )}
            {text && (
              <p id={errorId} className="text-sm text-red-700">
                {text}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Puts the server's field problems on their fields; returns what could not be placed. */
export function useApplyServerErrors() {
  const { t } = useTranslation('records');
  return (error: unknown, fields: readonly FieldDef[], form: UseFormReturn<RecordFormValues>): string | null => {
    const { byField, rest } = placeFieldProblems(fieldProblems(error), error instanceof Error ? error.message : String(error), fields);
    for (const [name, message] of Object.entries(byField)) form.setError(name, { type: 'server', message });
    const first = Object.keys(byField)[0];
    if (first) form.setFocus(first);
    if (first && rest.length === 0) toast.error(t('form.checkFields'));
    return rest.length ? rest.join('; ') : null;
  };
}
