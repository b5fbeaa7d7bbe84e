// automation-core's evaluation trace, readable: each leaf with its field, comparison, expected and actual value and
// ✓/✗; groups say whether all or one of their children had to hold. Answers "why didn't it send?".
import { findField, type FieldDefinition, type LeafTrace, type TraceNode } from '@alimflow/automation-core';
import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/utils';
import { needsNoValue } from './draft';
import { operatorText, valueText } from './text';

const NOTE_CODES = ['no_before', 'unchanged', 'invalid_actual', 'invalid_expected', 'empty_actual', 'operator_not_supported', 'malformed_condition'] as const;

/** Stored JSON → a trace node we can draw, or null. */
export function asTrace(value: unknown): TraceNode | null {
  if (typeof value !== 'object' || value === null) return null;
  const node = value as { kind?: unknown; children?: unknown; field?: unknown; operator?: unknown; result?: unknown };
  if (node.kind === 'none') return value as TraceNode;
  if ((node.kind === 'all' || node.kind === 'any') && Array.isArray(node.children) && node.children.every((c) => asTrace(c) !== null)) return value as TraceNode;
  if (node.kind === 'leaf' && typeof node.field === 'string' && typeof node.operator === 'string' && typeof node.result === 'boolean') return value as TraceNode;
  return null;
}

export function TraceView({ trace, fields }: { trace: unknown; fields: readonly FieldDefinition[] }) {
  const { t } = useTranslation('automations');
  const node = asTrace(trace);
  if (!node) return <p className="text-sm text-muted-foreground">{t('trace.unreadable')}</p>;
  return (
    <ul className="space-y-1.5 text-sm">
      <TraceItem node={node} fields={fields} />
    </ul>
  );
}

function Mark({ ok }: { ok: boolean }) {
  const { t } = useTranslation('automations');
  return (
    <span className={cn('mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full', ok ? 'bg-green-100 text-green-800' : 'bg-red-100 text-red-800')}>
      {ok ? <Check className="size-3" aria-hidden="true" /> : <X className="size-3" aria-hidden="true" />}
      <span className="sr-only">{ok ? t('trace.pass') : t('trace.fail')}</span>
    </span>
  );
}

function TraceItem({ node, fields }: { node: TraceNode; fields: readonly FieldDefinition[] }) {
  const { t } = useTranslation('automations');
  if (node.kind === 'leaf') return <LeafItem node={node} fields={fields} />;
  if (node.kind === 'none') {
    return (
      <li className="flex items-start gap-2">
        <Mark ok />
        {t('trace.none')}
      </li>
    );
  }
  if (node.kind === 'all' || node.kind === 'any') {
    return (
      <li className="space-y-1.5">
        <div className="flex items-start gap-2 font-medium">
          <Mark ok={node.result} />
          {t(node.kind === 'all' ? 'trace.all' : 'trace.any')}
        </div>
        <ul className="space-y-1.5 border-l pl-4">
          {node.children.map((child, i) => (
            <TraceItem key={i} node={child} fields={fields} />
          ))}
        </ul>
      </li>
    );
  }
  return null;
}

function LeafItem({ node, fields }: { node: LeafTrace; fields: readonly FieldDefinition[] }) {
  const { t } = useTranslation('automations');
  const field = findField(fields, node.field);
  const label = node.label ?? field?.label ?? node.field;
  const noteCode = node.noteCode && (NOTE_CODES as readonly string[]).includes(node.noteCode) ? (node.noteCode) : null;
  return (
    <li className="flex items-start gap-2">
      <Mark ok={node.result} />
      <div className="min-w-0 space-y-0.5">
        <div>
          <span className="font-medium">{label}</span> <span className="text-muted-foreground">{operatorText(node.operator, field?.type, t)}</span>
        </div>
        <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs">
          {!needsNoValue(node.operator) && (
            <div className="flex gap-1">
              <dt className="text-muted-foreground">{t('trace.expected')}</dt>
              <dd>{valueText(node.expected, field, t)}</dd>
            </div>
          )}
          {'before' in node && (
            <div className="flex gap-1">
              <dt className="text-muted-foreground">{t('trace.before')}</dt>
              <dd>{valueText(node.before, field, t)}</dd>
            </div>
          )}
          <div className="flex gap-1">
            <dt className="text-muted-foreground">{t('trace.actual')}</dt>
            <dd>{valueText(node.actual, field, t)}</dd>
          </div>
        </dl>
        {noteCode && <p className="text-xs text-muted-foreground">{t(`trace.notes.${noteCode}`)}</p>}
        {!noteCode && node.note && <p className="text-xs text-muted-foreground">{node.note}</p>}
      </div>
    </li>
  );
}
