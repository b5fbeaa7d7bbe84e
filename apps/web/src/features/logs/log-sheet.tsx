// One send in full: what went out, to whom, NHN's identifiers and codes, and the automation decisions behind it.
import { describeRetryRefusal, retryRefusal } from '@alimflow/automation-core';
import { useQuery } from '@tanstack/react-query';
import { ExternalLink, RotateCcw } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import type { Translate } from '@/features/records/event-sentence';
import { EventItem } from '@/features/records/automation-history';
import { describeError } from '@/lib/errors';
import { formatNumber, formatPhoneNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { SendStatusBadge, TriggerBadge } from './badges';
import { fallbackMessage, sendLogMessage } from './messages';
import { useRetrySendLogs } from './use-retry';
import { EnrolledBadge } from '@/features/results/enrolled-badge';

function Row({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[11rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={mono && typeof children === 'string' ? 'font-mono text-xs break-all' : 'min-w-0 break-words'}>{children}</dd>
    </div>
  );
}

export function LogSheet({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('logs');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const log = useQuery(
    trpc.sendLogs.get.queryOptions(
      { id: id ?? '' },
      {
        enabled: !!id,
        // While the send is on its way, follow it to its final status.
        refetchInterval: (q) => (q.state.data && (q.state.data.status === 'pending' || q.state.data.status === 'accepted') ? 2_000 : false),
      },
    ),
  );
  const retry = useRetrySendLogs();
  const data = log.data;
  const none = <span className="text-muted-foreground">{t('sheet.notYet')}</span>;
  const lang = i18n.resolvedLanguage ?? 'ko';
  const refusal = data ? retryRefusal(data, new Date(log.dataUpdatedAt || Date.now())) : null;

  return (
    <Sheet open={!!id} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="gap-0 sm:max-w-xl">
        <SheetHeader className="border-b pr-12">
          <SheetTitle className="text-lg">{t('sheet.title')}</SheetTitle>
          <SheetDescription>
            {data ? t('sheet.description', { recipient: formatPhoneNumber(data.recipientNo) }) : log.isError ? t('sheet.loadFailed') : tc('common.loading')}
          </SheetDescription>
          {data && (
            <div className="flex flex-wrap items-center gap-2 pt-1">
              <SendStatusBadge status={data.status} />
              <TriggerBadge trigger={data.triggerType} />
              <EnrolledBadge enrolmentId={data.enrolmentId} />
              <span className="text-sm text-muted-foreground">{sendLogMessage(data, t as unknown as Translate, lang)}</span>
            </div>
          )}
        </SheetHeader>

        {log.isPending && id ? (
          <div className="space-y-3 p-4" aria-busy="true">
            <Skeleton className="h-6 w-2/3" />
            <Skeleton className="h-24 w-full" />
            <Skeleton className="h-6 w-1/2" />
          </div>
        ) : log.isError ? (
          <p role="alert" className="p-4 text-sm text-red-700">
            {t('sheet.loadFailed')}: {describeError(log.error, tc)}
          </p>
        ) : data ? (
          <div className="space-y-6 p-4">
            {data.status === 'failed' &&
              (refusal ? (
                // The person got the text (SMS/LMS fallback), or may still: a retry could reach them twice.
                <div className="flex flex-wrap items-center gap-3">
                  <Button variant="outline" disabled aria-describedby="log-retry-refused">
                    <RotateCcw aria-hidden="true" />
                    {t('sheet.retry')}
                  </Button>
                  <p id="log-retry-refused" className="text-sm text-muted-foreground">
                    {describeRetryRefusal(refusal, lang.startsWith('en') ? 'en' : 'ko')}
                  </p>
                </div>
              ) : (
                <Button variant="outline" pending={retry.isPending} onClick={() => retry.mutate([data.id])}>
                  <RotateCcw aria-hidden="true" />
                  {t('sheet.retry')}
                </Button>
              ))}

            <section aria-labelledby="log-summary" className="space-y-1">
              <h3 id="log-summary" className="text-sm font-semibold">
                {t('sheet.summary')}
              </h3>
              <dl className="divide-y">
                <Row label={t('sheet.recipient')}>{formatPhoneNumber(data.recipientNo)}</Row>
                <Row label={t('sheet.template')}>
                  <Badge variant="outline" className="font-mono">
                    {data.templateCode}
                  </Badge>
                </Row>
                <Row label={t('sheet.rule')}>
                  {data.linkName ? (
                    <>
                      {data.linkName}
                      {data.linkDeleted && <span className="text-muted-foreground"> ({t('table.deletedRule')})</span>}
                    </>
                  ) : (
                    <span className="text-muted-foreground">{t('table.noRule')}</span>
                  )}
                </Row>
                {data.recordId && (
                  <Row label={t('sheet.record')}>
                    <Link to={`/records?record=${data.recordId}`} className="inline-flex items-center gap-1 underline-offset-2 hover:underline">
                      {t('sheet.openRecord')}
                      <ExternalLink className="size-3.5" aria-hidden="true" />
                    </Link>
                  </Row>
                )}
                <Row label={t('sheet.createdAt')}>
                  <RelativeTime value={data.createdAt} />
                </Row>
                <Row label={t('sheet.sentAt')}>{data.sentAt ? <RelativeTime value={data.sentAt} /> : none}</Row>
                <Row label={t('sheet.deliveredAt')}>{data.deliveredAt ? <RelativeTime value={data.deliveredAt} /> : none}</Row>
              </dl>
            </section>

            <section aria-labelledby="log-content" className="space-y-2">
              <h3 id="log-content" className="text-sm font-semibold">
                {t('sheet.content')}
              </h3>
              <div
                role="document"
                aria-label={t('sheet.contentLabel')}
                className="rounded-lg border bg-amber-50/40 p-3 text-sm leading-relaxed whitespace-pre-wrap"
              >
                {data.content}
              </div>
            </section>

            <section aria-labelledby="log-nhn" className="space-y-1">
              <h3 id="log-nhn" className="text-sm font-semibold">
                {t('sheet.nhn')}
              </h3>
              <dl className="divide-y">
                <Row label={t('sheet.requestId')} mono>
                  {data.requestId ?? none}
                </Row>
                <Row label={t('sheet.recipientSeq')} mono>
                  {data.recipientSeq ?? none}
                </Row>
                <Row label={t('sheet.resultCode')} mono>
                  {data.resultCode ?? none}
                </Row>
                <Row label={t('sheet.resultMessage')}>{data.resultMessage ?? none}</Row>
                <Row label={t('sheet.deliveryStatus')} mono>
                  {data.deliveryStatus ?? none}
                </Row>
                <Row label={t('sheet.deliveryCode')} mono>
                  {data.deliveryCode ?? none}
                </Row>
                {(data.fallbackType || data.fallbackStatus) && (
                  <Row label={t('sheet.fallback')}>
                    {data.fallbackType}
                    {' · '}
                    {fallbackMessage(data, t as unknown as Translate) ?? t('fallback.asked')}
                    {data.fallbackStatus === 'failed' && data.fallbackResultCode ? ` (${data.fallbackResultCode})` : ''}
                  </Row>
                )}
                <Row label={t('sheet.attempts')}>{formatNumber(data.attempts, lang)}</Row>
                {data.reason && (
                  <Row label={t('sheet.reason')} mono>
                    {data.reason}
                  </Row>
                )}
              </dl>
            </section>

            <section aria-labelledby="log-events" className="space-y-1">
              <h3 id="log-events" className="text-sm font-semibold">
                {t('sheet.events')}
              </h3>
              {data.events.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t('sheet.noEvents')}</p>
              ) : (
                <ol className="divide-y">
                  {[...data.events].reverse().map((event) => (
                    <EventItem
                      key={event.id}
                      event={{ ...event, linkName: data.linkName, linkDeleted: data.linkDeleted }}
                      fields={[]}
                      showSendLog={false}
                    />
                  ))}
                </ol>
              )}
            </section>
          </div>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
