// A rule's side sheet: its settings read back in sentences, and what it recently decided for which record —
// fired, or skipped and why, with the condition check behind it (automationEvents.list).
import { AUTOMATION_EVENT_KINDS, type FieldDefinition } from '@alimflow/automation-core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { AlertTriangle, Pencil, RefreshCw, Send } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { RelativeTime } from '@/components/relative-time';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import type { AutomationEvent, Link } from './api-types';
import { DecisionBadge, SendStatusBadge, TemplateStatusBadge, TriggerBadge } from './badges';
import { conditionSentence, cooldownSentence, fieldLabel, fireOnSentence, langOf, reasonText, recordLabel, repeatSummary, triggerSentence } from './text';
import { TraceView } from './trace-view';
import { EnrolmentSection } from './enrolment-section';
import { RuleResultsSection } from '@/features/results/rule-results-section';

const PAGE_SIZE = 20;

export function RuleDetailSheet({
  linkId,
  canEdit,
  onClose,
  onEdit,
  onTestSend,
}: {
  linkId: string | null;
  canEdit: boolean;
  onClose: () => void;
  onEdit: (link: Link) => void;
  onTestSend: (link: Link) => void;
}) {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const open = linkId !== null;
  const link = useQuery({ ...trpc.templateLinks.get.queryOptions({ id: linkId ?? '' }), enabled: open });
  const partitions = useQuery({ ...trpc.partitions.list.queryOptions(), enabled: open });
  const fields = partitions.data?.find((p) => p.id === link.data?.partitionId)?.fields ?? [];

  return (
    <Sheet open={open} onOpenChange={(next) => !next && onClose()}>
      <SheetContent className="gap-0 p-0 sm:max-w-xl">
        {link.data ? (
          <>
            <SheetHeader className="border-b pr-12">
              <SheetTitle className="text-lg">{link.data.name}</SheetTitle>
              <SheetDescription>{t('detail.description')}</SheetDescription>
              <div className="flex flex-wrap items-center gap-2 pt-1">
                <Badge variant={link.data.isActive ? 'success' : 'muted'}>{link.data.isActive ? t('detail.on') : t('detail.off')}</Badge>
                <TriggerBadge triggerType={link.data.triggerType} />
                {link.data.repeatConfig && <Badge variant="warning">{t('trigger.repeat')}</Badge>}
              </div>
              {canEdit && (
                <div className="flex gap-2 pt-2">
                  <Button size="sm" variant="outline" onClick={() => onEdit(link.data)}>
                    <Pencil aria-hidden="true" />
                    {t('actions.edit')}
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => onTestSend(link.data)}>
                    <Send aria-hidden="true" />
                    {t('actions.testSend')}
                  </Button>
                </div>
              )}
            </SheetHeader>
            <div className="space-y-6 p-4">
              <Settings link={link.data} fields={fields} />
              <EnrolmentSection link={link.data} canEdit={canEdit} />
              <RuleResultsSection linkId={link.data.id} />
              <Events link={link.data} fields={fields} />
            </div>
          </>
        ) : (
          <>
            <SheetHeader className="border-b pr-12">
              <SheetTitle className="text-lg">{link.isError ? t('detail.notFound') : tRoot('common.loading')}</SheetTitle>
              <SheetDescription>{link.isError ? describeError(link.error, tRoot) : t('detail.description')}</SheetDescription>
            </SheetHeader>
            {!link.isError && (
              <div className="space-y-3 p-4">
                <Skeleton className="h-6 w-1/2" />
                <Skeleton className="h-24 w-full" />
              </div>
            )}
          </>
        )}
      </SheetContent>
    </Sheet>
  );
}

function Settings({ link, fields }: { link: Link; fields: readonly FieldDefinition[] }) {
  const { t, i18n } = useTranslation('automations');
  const lang = langOf(i18n.resolvedLanguage);
  const mappings = Object.entries(link.variableMappings);
  const rows: [string, ReactNode][] = [
    [
      t('detail.template'),
      <span key="template" className="inline-flex flex-wrap items-center gap-2">
        {link.template.name} ({link.template.templateCode}) <TemplateStatusBadge status={link.template.status} />
      </span>,
    ],
    [t('detail.target'), t('detail.targetText', { partition: link.partitionName })],
    [t('detail.recipient'), t('detail.recipientText', { field: fieldLabel(link.recipientField, fields) })],
  ];
  if (mappings.length > 0) {
    rows.push([
      t('detail.variables'),
      <ul key="vars" className="space-y-0.5">
        {mappings.map(([variable, field]) => (
          <li key={variable}>
            <code className="rounded bg-amber-100 px-1 font-sans text-amber-950">{`#{${variable}}`}</code> ← {fieldLabel(field, fields)}
          </li>
        ))}
      </ul>,
    ]);
  }
  rows.push([t('detail.trigger'), triggerSentence(link.triggerType, t)]);
  if (link.triggerType !== 'manual') {
    rows.push([t('detail.condition'), conditionSentence(link.triggerCondition, fields, lang)]);
    if (link.triggerType === 'on_update') rows.push([t('detail.fireOn'), fireOnSentence(link.fireOn, t)]);
    rows.push([t('detail.repeat'), repeatSummary(link.repeatConfig, fields, t, lang)]);
  }
  rows.push([t('detail.cooldown'), cooldownSentence(link.cooldownHours, t)]);
  if (link.pendingRepeats > 0) rows.push([t('detail.pendingRepeats'), t('detail.pendingRepeatsCount', { count: link.pendingRepeats })]);

  return (
    <section aria-labelledby="rule-settings" className="space-y-3">
      <h3 id="rule-settings" className="text-sm font-semibold">
        {t('detail.settings')}
      </h3>
      {(link.problems.length > 0 || link.warnings.length > 0) && (
        <Alert variant="warning">
          <AlertTriangle aria-hidden="true" />
          <div>
            <p className="font-medium">{t('detail.problems')}</p>
            <ul className="mt-1 list-disc pl-4">
              {!link.template.sendable && <li>{t('templateNotApproved')}</li>}
              {link.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </Alert>
      )}
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[7rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="min-w-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function detailOf(event: AutomationEvent): { trace?: unknown; until?: string | null } {
  return typeof event.detail === 'object' && event.detail !== null && !Array.isArray(event.detail) ? event.detail : {};
}

function Events({ link, fields }: { link: Link; fields: readonly FieldDefinition[] }) {
  const { t, i18n } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const events = useInfiniteQuery(
    trpc.automationEvents.list.infiniteQueryOptions(
      { linkId: link.id, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchInterval: 10_000 },
    ),
  );
  // Names for the records in the events: the partition's newest records cover what a rule did recently.
  const records = useQuery(trpc.records.list.queryOptions({ partitionId: link.partitionId, limit: 200 }));
  const labels = new Map((records.data?.items ?? []).map((r) => [r.id, recordLabel(r.data, fields)]));
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="rule-events" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id="rule-events" className="text-sm font-semibold">
          {t('events.title')}
        </h3>
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('events.refresh')}
          onClick={() => void Promise.all([events.refetch(), records.refetch()])}
          disabled={events.isFetching}
        >
          <RefreshCw className={events.isFetching ? 'animate-spin' : undefined} aria-hidden="true" />
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">{t('events.hint')}</p>
      {events.isError ? (
        <Alert variant="destructive">
          <AlertTriangle aria-hidden="true" />
          <span>{t('events.loadFailed', { reason: describeError(events.error, tRoot) })}</span>
        </Alert>
      ) : events.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed p-4 text-sm text-muted-foreground">{t('events.empty')}</p>
      ) : (
        <ul aria-labelledby="rule-events" className="space-y-2">
          {items.map((event) => {
            const detail = detailOf(event);
            const kind = (AUTOMATION_EVENT_KINDS as readonly string[]).includes(event.event) ? t(`events.kind.${event.event}` as 'events.kind.create') : event.event;
            const reason = reasonText(event.reason, t);
            return (
              <li key={event.id} className="space-y-1.5 rounded-md border p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <DecisionBadge decision={event.decision} />
                  <span className="text-muted-foreground">{kind}</span>
                  <RelativeTime value={event.createdAt} className="ml-auto text-xs text-muted-foreground" />
                </div>
                <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[5rem_1fr]">
                  <dt className="text-muted-foreground">{t('events.record')}</dt>
                  <dd>{labels.get(event.recordId) ?? t('events.recordUnknown', { id: event.recordId.slice(0, 8) })}</dd>
                  {reason && (
                    <>
                      <dt className="text-muted-foreground">{t('events.reason')}</dt>
                      <dd>
                        {reason}
                        {event.reason === 'cooldown' && detail.until && (
                          <span className="text-muted-foreground"> ({t('events.until', { time: formatDateTime(detail.until, i18n.resolvedLanguage) })})</span>
                        )}
                      </dd>
                    </>
                  )}
                  {event.sendLog && (
                    <>
                      <dt className="text-muted-foreground">{t('events.sendStatus')}</dt>
                      <dd>
                        <SendStatusBadge status={event.sendLog.status} />
                      </dd>
                    </>
                  )}
                </dl>
                {detail.trace !== undefined && detail.trace !== null && (
                  <details className="group rounded-md bg-muted/40 px-3 py-2" open={event.decision === 'skipped' && event.reason === 'condition_false'}>
                    <summary className="cursor-pointer text-xs font-medium text-muted-foreground outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
                      {t('events.trace')}
                    </summary>
                    <div className="pt-2">
                      <TraceView trace={detail.trace} fields={fields} />
                    </div>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {events.hasNextPage && (
        <Button variant="outline" size="sm" pending={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {t('events.loadMore')}
        </Button>
      )}
    </section>
  );
}
