// "Another rule already sends this": the active rules that would send the same template to the same records on
// the same event (automation-core's findOverlappingRules). A warning, not a refusal — saving stays allowed, since
// the admin may be replacing the other rule. The link opens that rule in a new tab so the draft stays here.
import { findOverlappingRules, type FieldDefinition } from '@alimflow/automation-core';
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { useTRPC } from '@/lib/trpc';
import { editorToCondition, previewDraft, type RuleFormValues } from '../draft';

export function DuplicateRuleWarning({ values, fields, editingId }: { values: RuleFormValues; fields: readonly FieldDefinition[]; editingId?: string }) {
  const { t } = useTranslation('automations');
  const trpc = useTRPC();
  // Fresh when the builder opens: a rule made a moment ago in another tab or by a script counts too.
  const active = useQuery(trpc.templateLinks.list.queryOptions({ isActive: true }, { staleTime: 0 }));
  // Only a finished draft is compared: a half-typed condition says nothing yet.
  const draft = previewDraft(values, fields).input;
  if (!draft?.partitionId || !draft.templateId || !draft.triggerType || !active.data) return null;
  const overlapping = findOverlappingRules(
    {
      id: editingId,
      partitionId: draft.partitionId,
      templateId: draft.templateId,
      triggerType: draft.triggerType,
      triggerCondition: draft.triggerCondition ? editorToCondition(values.condition, fields) : null,
    },
    active.data,
  );
  if (overlapping.length === 0) return null;
  return (
    <Alert variant="warning" data-testid="duplicate-rule-warning">
      <AlertTriangle aria-hidden="true" />
      <div className="space-y-1">
        <p className="font-medium">{t('builder.duplicate.title')}</p>
        <p>{t('builder.duplicate.body')}</p>
        <ul className="list-disc pl-4">
          {overlapping.map((rule) => (
            <li key={rule.id}>
              <a
                className="font-medium underline underline-offset-2"
                href={`/automations?rule=${encodeURIComponent(rule.id)}`}
                target="_blank"
                rel="noopener"
              >
                {rule.name}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </Alert>
  );
}
