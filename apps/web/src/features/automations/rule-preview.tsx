// 미리보기: the draft checked against the partition's records as they are now (templateLinks.preview) — how many
// match, what the delivery controls would do with them now (send window, frequency cap, cooldown), a sample
// message, and what the server would refuse. Only finished parts of the draft are sent.
import { CHANGE_OPERATORS, type Condition, type FieldDefinition } from '@alimflow/automation-core';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { AlertTriangle, Info, Loader2 } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { describeError } from '@/lib/errors';
import { formatNumber, formatPhoneNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import type { PreviewInput } from './api-types';
import { previewDraft, type RuleFormValues } from './draft';
import { previewDeliveryLines } from './preview-delivery';
import { useDebouncedValue } from './use-debounced-value';

function usesChangeOperators(condition: Condition | null | undefined): boolean {
  if (!condition) return false;
  if ('all' in condition) return condition.all.some(usesChangeOperators);
  if ('any' in condition) return condition.any.some(usesChangeOperators);
  return CHANGE_OPERATORS.includes(condition.operator);
}

export function RulePreview({ values, fields }: { values: RuleFormValues; fields: readonly FieldDefinition[] }) {
  const { t, i18n } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const lang = i18n.resolvedLanguage;
  const draft = previewDraft(values, fields);
  // Compared as text, so an unchanged draft never refetches; debounced, so typing does not flood the server.
  const key = useDebouncedValue(draft.input ? JSON.stringify(draft.input) : null, 400);
  const input = useMemo(() => (key ? (JSON.parse(key) as PreviewInput) : null), [key]);
  const preview = useQuery({
    ...trpc.templateLinks.preview.queryOptions(input ?? skipToken),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

  if (draft.waitingFor) {
    return (
      <Alert>
        <Info aria-hidden="true" />
        <span>{t(draft.waitingFor === 'target' ? 'builder.preview.waitingTarget' : 'builder.preview.waitingCondition')}</span>
      </Alert>
    );
  }
  if (preview.isError) {
    return (
      <Alert variant="destructive" role="alert">
        <AlertTriangle aria-hidden="true" />
        <span>{t('builder.preview.failed', { reason: describeError(preview.error, tRoot) })}</span>
      </Alert>
    );
  }
  const data = preview.data;
  if (!data) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
        <Loader2 className="size-4 animate-spin" aria-hidden="true" />
        {t('builder.preview.loading')}
      </p>
    );
  }

  const notes: string[] = [];
  if (data.capped) notes.push(t('builder.preview.capped', { cap: formatNumber(data.cap, lang) }));
  if (values.triggerType === 'manual') notes.push(t('builder.preview.manualNote'));
  if (values.triggerType === 'on_update') notes.push(t('builder.preview.onUpdateNote'));
  if (values.triggerType !== 'manual' && usesChangeOperators(input?.triggerCondition as Condition | null)) notes.push(t('builder.preview.changeNote'));
  const skips = data.wouldSkip.invalidPhone + data.wouldSkip.renderFailed;
  const deliveryLines = previewDeliveryLines(data.delivery, t, lang, new Date());

  return (
    <div className="space-y-3" aria-live="polite" aria-busy={preview.isFetching || undefined}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md border p-3">
        <span className="text-sm text-muted-foreground">{t('builder.preview.matching')}</span>
        <span className="text-2xl font-semibold tabular-nums">
          {t('builder.preview.matchingCount', { matching: formatNumber(data.matching, lang), total: formatNumber(data.totalRecords, lang) })}
        </span>
        {preview.isFetching && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-hidden="true" />}
        {skips > 0 && (
          <p className="w-full text-sm text-amber-900">
            {t('builder.preview.wouldSkip', {
              invalidPhone: formatNumber(data.wouldSkip.invalidPhone, lang),
              renderFailed: formatNumber(data.wouldSkip.renderFailed, lang),
            })}
          </p>
        )}
        {deliveryLines.length > 0 && (
          <div className="w-full text-sm" data-testid="preview-delivery">
            <p className="text-muted-foreground">{t('builder.preview.deliveryTitle')}</p>
            <ul className="mt-0.5 list-disc pl-4">
              {deliveryLines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <div className="space-y-1.5">
        <h4 className="text-sm font-medium">{t('builder.preview.sample')}</h4>
        {data.sample ? (
          <div className="space-y-1.5">
            <p className="text-xs text-muted-foreground">
              {t('builder.preview.sampleRecipient', { phone: data.sample.recipient.normalized ? formatPhoneNumber(data.sample.recipient.normalized) : (data.sample.recipient.value ?? '—') })}
            </p>
            {data.sample.ok && data.sample.text ? (
              <p className="rounded-lg border bg-amber-50/60 p-3 text-sm leading-relaxed whitespace-pre-wrap">{data.sample.text}</p>
            ) : (
              <Alert variant="warning">
                <AlertTriangle aria-hidden="true" />
                <div>
                  <p>{t('builder.preview.sampleErrors')}</p>
                  <ul className="mt-1 list-disc pl-4">
                    {data.sample.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </div>
              </Alert>
            )}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">{t('builder.preview.sampleNone')}</p>
        )}
      </div>

      {data.problems.length > 0 && (
        <Alert variant="warning">
          <AlertTriangle aria-hidden="true" />
          <div>
            <p className="font-medium">{t('builder.preview.problems')}</p>
            <ul className="mt-1 list-disc pl-4">
              {data.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </Alert>
      )}
      {notes.length > 0 && (
        <ul className="space-y-1 text-sm text-muted-foreground">
          {notes.map((note) => (
            <li key={note} className="flex gap-2">
              <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              {note}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
