// The record form's "NHN will not send this" note, under the fields, recomputed as the admin types.
import { useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/lib/trpc';
import type { FieldDef, RecordFormValues } from './record-form';
import { sendWarnings } from './send-warnings';

export function SendWarningsNote({ partitionId, fields, form }: { partitionId: string | null; fields: readonly FieldDef[]; form: UseFormReturn<RecordFormValues> }) {
  const { t } = useTranslation('records');
  const trpc = useTRPC();
  const rules = useQuery(trpc.templateLinks.list.queryOptions({ partitionId: partitionId ?? '', isActive: true }, { enabled: !!partitionId }));
  const values = useWatch({ control: form.control });
  const warnings = rules.data ? sendWarnings(rules.data, fields, values as RecordFormValues) : [];
  if (warnings.length === 0) return null;
  return (
    <div role="status" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="flex items-center gap-2 font-medium">
        <TriangleAlert className="size-4 shrink-0" aria-hidden="true" />
        {t('form.sendWarnings.title')}
      </p>
      <ul className="list-disc space-y-0.5 pl-6">
        {warnings.map((warning) => (
          <li key={`${warning.kind}:${warning.field}`}>
            {warning.kind === 'too_long'
              ? t('form.sendWarnings.tooLong', { label: warning.fieldLabel, rule: warning.ruleName, length: warning.length.toLocaleString(), limit: warning.limit.toLocaleString() })
              : t('form.sendWarnings.notMobile', { label: warning.fieldLabel, rule: warning.ruleName })}
          </li>
        ))}
      </ul>
      <p className="text-xs">{t('form.sendWarnings.canSave')}</p>
    </div>
  );
}
