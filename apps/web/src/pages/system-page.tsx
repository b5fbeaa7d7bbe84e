// 시스템 (admins): is the install keeping up? Workers and their heartbeats, evaluation lag, the job queue, failed
// sends of the last day with NHN's codes, and permanently failed jobs to retry or discard. Refreshes itself.
import { useQuery } from '@tanstack/react-query';
import { ArrowRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { SystemOverview } from '@/features/system/api-types';
import { FailedJobsCard } from '@/features/system/failed-jobs-card';
import { taskLabel } from '@/features/system/task-label';
import { describeError } from '@/lib/errors';
import { formatNumber, seoulParts } from '@/lib/format';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

const LAG_ALERT_S = 60;
const REFRESH_MS = 10_000;

/** The send log filtered to failures since the KST day the 24-hour window starts in. */
function failedLogUrl(since: string): string {
  const p = seoulParts(new Date(since));
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return `/logs?status=failed&from=${day}`;
}

function Figure({ label, value, note, tone }: { label: string; value: ReactNode; note?: ReactNode; tone?: 'danger' | 'warning' }) {
  return (
    <Card>
      <CardHeader className="pb-1">
        <CardDescription>{label}</CardDescription>
        <CardTitle className={tone === 'danger' ? 'text-red-700' : tone === 'warning' ? 'text-amber-700' : undefined}>
          <p className="text-2xl font-semibold tabular-nums">{value}</p>
        </CardTitle>
      </CardHeader>
      {note && <CardContent className="text-xs text-muted-foreground">{note}</CardContent>}
    </Card>
  );
}

function Overview({ data }: { data: SystemOverview }) {
  const { t, i18n } = useTranslation('system');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const n = (v: number) => formatNumber(v, lang);
  const lag = Math.round(data.evaluationLagSeconds);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted-foreground">{t('mode.label')}</span>
        <Badge variant={data.mode === 'sandbox' ? 'warning' : 'success'}>{t(`mode.${data.mode}`)}</Badge>
        {data.mode === 'sandbox' && <span className="text-muted-foreground">{t('mode.sandboxHint')}</span>}
      </div>

      <section aria-label={t('title')} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label={t('cards.lag')} value={t('seconds', { value: n(lag) })} note={lag === 0 ? t('cards.lagOk') : t('cards.lagHint')} {...(lag > LAG_ALERT_S ? { tone: 'danger' as const } : {})} />
        <Figure label={t('cards.workers')} value={n(data.liveWorkers)} {...(data.liveWorkers === 0 ? { note: t('cards.workersNone'), tone: 'danger' as const } : {})} />
        <Figure label={t('cards.failedSends')} value={n(data.failedSends.total)} {...(data.failedSends.total > 0 ? { tone: 'danger' as const } : {})} />
        <Figure
          label={t('cards.repeats')}
          value={n(data.repeats.due)}
          note={data.repeats.overdue ? t('cards.repeatsOverdue', { count: data.repeats.overdue, seconds: data.repeats.overdueAfterSeconds }) : t('cards.repeatsOnTime')}
          {...(data.repeats.overdue ? { tone: 'warning' as const } : {})}
        />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t('sends.title')}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            {data.failedSends.topCodes.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('sends.none')}</p>
            ) : (
              <Table aria-label={t('sends.title')}>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('sends.code')}</TableHead>
                    <TableHead className="text-right">{t('sends.count')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.failedSends.topCodes.map((c) => (
                    <TableRow key={c.code ?? ''}>
                      <TableCell className="font-mono">{c.code ?? t('sends.noCode')}</TableCell>
                      <TableCell className="text-right tabular-nums">{n(c.count)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Link to={failedLogUrl(data.failedSends.since)} className="inline-flex items-center gap-1 text-sm font-medium underline-offset-4 hover:underline">
              {t('sends.viewLog')} <ArrowRight className="size-4" aria-hidden />
            </Link>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t('queues.title')}</h2>
            </CardTitle>
            <CardDescription>{t('queues.description')}</CardDescription>
          </CardHeader>
          <CardContent>
            {data.queues.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('queues.empty')}</p>
            ) : (
              <Table aria-label={t('queues.title')}>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('queues.task')}</TableHead>
                    <TableHead className="text-right">{t('queues.depth')}</TableHead>
                    <TableHead className="text-right">{t('queues.running')}</TableHead>
                    <TableHead className="text-right">{t('queues.failed')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.queues.map((q) => (
                    <TableRow key={q.task}>
                      <TableCell>
                        <div>{taskLabel(q.task, t)}</div>
                        <div className="font-mono text-[11px] text-muted-foreground">{q.task}</div>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{n(q.depth)}</TableCell>
                      <TableCell className="text-right tabular-nums">{n(q.running)}</TableCell>
                      <TableCell className={q.failed ? 'text-right font-medium text-red-700 tabular-nums' : 'text-right tabular-nums'}>{n(q.failed)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>

      <FailedJobsCard failedJobs={data.failedJobs} />

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('workers.title')}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {data.workers.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('workers.empty')}</p>
          ) : (
            <Table aria-label={t('workers.title')}>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('workers.host')}</TableHead>
                  <TableHead className="text-right">{t('workers.pid')}</TableHead>
                  <TableHead>{t('workers.started')}</TableHead>
                  <TableHead>{t('workers.lastSeen')}</TableHead>
                  <TableHead>{t('workers.state')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.workers.map((w) => (
                  <TableRow key={w.id}>
                    <TableCell className="font-mono text-xs">{w.hostname}</TableCell>
                    <TableCell className="text-right font-mono text-xs">{w.pid}</TableCell>
                    <TableCell>
                      <RelativeTime value={w.startedAt} />
                    </TableCell>
                    <TableCell>
                      <RelativeTime value={w.lastSeenAt} />
                    </TableCell>
                    <TableCell>
                      <Badge variant={w.live ? 'success' : 'danger'}>{t(w.live ? 'workers.live' : 'workers.silent')}</Badge>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

export default function SystemPage() {
  const { t } = useTranslation('system');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const isAdmin = useCurrentUser().user.role === 'admin';
  const overview = useQuery(trpc.system.overview.queryOptions(undefined, { enabled: isAdmin, refetchInterval: REFRESH_MS }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {!isAdmin ? (
        <p className="text-sm text-muted-foreground">{t('adminOnly')}</p>
      ) : overview.data ? (
        <Overview data={overview.data} />
      ) : overview.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(overview.error, tc)}
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      )}
    </>
  );
}
