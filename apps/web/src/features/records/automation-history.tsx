// "Why did / didn't it send?" for one record: each automation event as a sentence, newest first, with the
// condition checks readable as a small table; then the record's sends with their status badges.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Ban, CheckCircle2, ChevronRight, MinusCircle, ScrollText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { AutomationEventItem } from '@/features/logs/api-types';
import { SendStatusBadge, TriggerBadge } from '@/features/logs/badges';
import { logsHref } from '@/features/logs/filters';
import { describeError } from '@/lib/errors';
import { formatPhoneNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { describeEvent, formatTraceValue, type AutomationEventLike, type FieldLike, type TraceLeaf, type Translate } from './event-sentence';

const TONE_ICON = {
  success: { icon: CheckCircle2, className: 'text-green-700' },
  muted: { icon: MinusCircle, className: 'text-neutral-500' },
  warning: { icon: Ban, className: 'text-amber-700' },
  danger: { icon: Ban, className: 'text-red-700' },
} as const;

export function useEventSentence() {
  const { t, i18n } = useTranslation('records');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const translate = t as unknown as Translate;
  return (event: AutomationEventLike, fields: readonly FieldLike[]) => describeEvent(event, translate, fields, lang);
}

function TraceTable({ leaves, fields }: { leaves: TraceLeaf[]; fields: readonly FieldLike[] }) {
  const { t, i18n } = useTranslation('records');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const value = (v: unknown, key: string) => formatTraceValue(v, fields.find((f) => f.key === key)?.type, lang) ?? t('trace.empty');
  const valueless = new Set(['is_empty', 'is_not_empty', 'changed']);
  return (
    <details className="group mt-2 rounded-md border bg-muted/30 text-xs">
      <summary className="flex cursor-pointer list-none items-center gap-1 px-2 py-1.5 font-medium text-muted-foreground outline-none select-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-3.5 transition-transform group-open:rotate-90" aria-hidden="true" />
        {t('trace.summary', { count: leaves.length })}
      </summary>
      <div className="overflow-x-auto px-2 pb-2">
        <table className="w-full text-left">
          <caption className="sr-only">{t('trace.caption')}</caption>
          <thead className="text-muted-foreground">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">{t('trace.field')}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t('trace.operator')}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t('trace.expected')}</th>
              <th scope="col" className="py-1 pr-2 font-medium">{t('trace.actual')}</th>
              <th scope="col" className="py-1 font-medium">{t('trace.result')}</th>
            </tr>
          </thead>
          <tbody>
            {leaves.map((leaf, index) => (
              <tr key={index} className="border-t align-top">
                <td className="py-1 pr-2 font-medium">{fields.find((f) => f.key === leaf.field)?.label ?? leaf.label ?? leaf.field}</td>
                <td className="py-1 pr-2">{t(`operators.${leaf.operator}` as 'operators.eq', { defaultValue: leaf.operator })}</td>
                <td className="py-1 pr-2">{valueless.has(leaf.operator) ? '—' : value(leaf.expected, leaf.field)}</td>
                <td className="py-1 pr-2">
                  {leaf.before !== undefined && (
                    <span className="text-muted-foreground">
                      {value(leaf.before, leaf.field)} →{' '}
                    </span>
                  )}
                  {value(leaf.actual, leaf.field)}
                </td>
                <td className="py-1">
                  {leaf.result ? (
                    <span className="font-semibold text-green-700">
                      <span aria-hidden="true">✓ </span>
                      {t('trace.pass')}
                    </span>
                  ) : (
                    <span className="font-semibold text-red-700">
                      <span aria-hidden="true">✗ </span>
                      {t('trace.fail')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export interface EventItemProps {
  event: AutomationEventLike & { id: string; createdAt: string; sendLogId?: string | null; sendLog?: { status: string } | null };
  fields: readonly FieldLike[];
  /** Show the send log badge and link (record view); the log's own sheet leaves it out. */
  showSendLog?: boolean;
}

export function EventItem({ event, fields, showSendLog = true }: EventItemProps) {
  const { t } = useTranslation('records');
  const describe = useEventSentence();
  const s = describe(event, fields);
  const { icon: Icon, className } = TONE_ICON[s.tone];
  const eventLabel = t(`events.event.${event.event}` as 'events.event.create', { defaultValue: event.event });
  return (
    <li className="flex gap-3 py-3">
      <Icon className={cn('mt-0.5 size-4 shrink-0', className)} aria-hidden="true" />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-sm leading-relaxed">
          <span className="font-medium">{s.rule}</span>: {s.outcome}
          {s.why && <span className="text-muted-foreground"> — {s.why}</span>}
        </p>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
          <RelativeTime value={event.createdAt} />
          <span aria-hidden="true">·</span>
          <span>{eventLabel}</span>
          {showSendLog && event.sendLog && event.sendLogId && (
            <>
              <span aria-hidden="true">·</span>
              <SendStatusBadge status={event.sendLog.status} />
              <Link to={`/logs?log=${event.sendLogId}`} className="underline-offset-2 hover:underline focus-visible:underline">
                {t('history.openLog')}
              </Link>
            </>
          )}
        </div>
        {s.message && <p className="text-xs break-all text-muted-foreground">{t('history.message', { message: s.message })}</p>}
        {s.leaves.length > 0 && <TraceTable leaves={s.leaves} fields={fields} />}
      </div>
    </li>
  );
}

/**
 * `live`: the record was just saved, so the history polls fast and says the automation is still checking — until
 * an event from that save (created at or after the record's `savedAt`, both server clock) has arrived.
 */
export function AutomationHistory({ recordId, fields, live, savedAt }: { recordId: string; fields: readonly FieldLike[]; live: boolean; savedAt: string }) {
  const { t } = useTranslation('records');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const events = useInfiniteQuery(
    trpc.automationEvents.list.infiniteQueryOptions(
      { recordId, limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: live ? 2_000 : 15_000 },
    ),
  );
  const items: AutomationEventItem[] = events.data?.pages.flatMap((p) => p.items) ?? [];
  const checked = items.some((event) => Date.parse(event.createdAt) >= Date.parse(savedAt));

  return (
    <section aria-labelledby="record-history-title" className="space-y-2">
      <div>
        <h3 id="record-history-title" className="text-sm font-semibold">
          {t('history.title')}
        </h3>
        <p className="text-xs text-muted-foreground">{t('history.description')}</p>
      </div>
      {live && !checked && (
        <p role="status" className="text-xs text-amber-800">
          {t('history.waiting')}
        </p>
      )}
      {events.isPending ? (
        <div className="space-y-2" aria-busy="true">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : events.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {t('history.loadFailed')}: {describeError(events.error, tc)}
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">{t('history.empty')}</p>
      ) : (
        <>
          <ol className="divide-y" aria-label={t('history.title')}>
            {items.map((event) => (
              <EventItem key={event.id} event={event} fields={fields} />
            ))}
          </ol>
          {events.hasNextPage && (
            <Button variant="outline" size="sm" pending={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              {t('history.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

export function RecordSends({ recordId }: { recordId: string }) {
  const { t } = useTranslation('records');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const sends = useQuery(trpc.sendLogs.list.queryOptions({ recordId, limit: 10 }, { refetchInterval: 5_000 }));
  const items = sends.data?.items ?? [];
  return (
    <section aria-labelledby="record-sends-title" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="record-sends-title" className="text-sm font-semibold">
          {t('sends.title')}
        </h3>
        {items.length > 0 && (
          <Button asChild variant="link" size="sm" className="h-auto px-0">
            <Link to={logsHref({ record: recordId })}>
              <ScrollText aria-hidden="true" />
              {t('sends.viewAll')}
            </Link>
          </Button>
        )}
      </div>
      {sends.isPending ? (
        <Skeleton className="h-10 w-full" />
      ) : sends.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(sends.error, tc)}
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">{t('sends.empty')}</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label={t('sends.title')}>
          {items.map((log) => (
            <li key={log.id}>
              <Link
                to={`/logs?log=${log.id}&record=${recordId}`}
                className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm outline-none hover:bg-muted/50 focus-visible:bg-muted/60 focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <SendStatusBadge status={log.status} />
                <TriggerBadge trigger={log.triggerType} />
                <span className="min-w-0 flex-1 truncate">{log.linkName ?? log.templateCode}</span>
                <span className="text-xs text-muted-foreground">{formatPhoneNumber(log.recipientNo)}</span>
                <Badge variant="outline" className="font-mono text-[11px]">
                  {log.templateCode}
                </Badge>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
