import { useQuery } from '@tanstack/react-query';
import { ArrowRight, BarChart3, Info, Repeat, Workflow, XCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import {
  CARD_STATUSES,
  dayRows,
  lastDays,
  statusCounts,
  totals,
  type CardStatus,
} from '@/features/dashboard/stats';
import { SendStatusBadge, useStatusLabel } from '@/features/logs/badges';
import { logsHref } from '@/features/logs/filters';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';

// Recharts is most of this page's weight: it loads only when there is a chart to draw.
const SendsChart = lazy(async () => ({
  default: (await import('@/features/dashboard/sends-chart')).SendsChart,
}));

const RuleResultsOverview = lazy(async () => ({
  default: (await import('@/features/results/rule-results-overview')).RuleResultsOverview,
}));

const DAYS = 14;
const STATUS_ACCENT: Record<CardStatus, string> = {
  pending: 'hover:border-amber-300',
  accepted: 'hover:border-green-300',
  delivered: 'hover:border-green-300',
  failed: 'hover:border-red-300',
  skipped: 'hover:border-neutral-300',
};
const STATUS_NUMBER: Record<CardStatus, string> = {
  pending: 'text-amber-800',
  accepted: 'text-green-800',
  delivered: 'text-green-800',
  failed: 'text-red-700',
  skipped: 'text-neutral-600',
};

function StatCard({
  icon,
  label,
  value,
  link,
  linkLabel,
}: {
  icon: ReactNode;
  label: string;
  value: ReactNode;
  link: string;
  linkLabel: string;
}) {
  return (
    <Card className="gap-2 py-4">
      <CardContent className="space-y-2 px-4">
        <div className="flex items-center gap-2 text-sm text-muted-foreground">
          {icon}
          {label}
        </div>
        <div className="text-2xl font-semibold tabular-nums">{value}</div>
        <Link
          to={link}
          className="inline-flex items-center gap-1 text-sm font-medium underline-offset-2 hover:underline focus-visible:underline"
        >
          {linkLabel}
          <ArrowRight className="size-3.5" aria-hidden="true" />
        </Link>
      </CardContent>
    </Card>
  );
}

export default function DashboardPage() {
  const { t: tp } = useTranslation();
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const statusLabel = useStatusLabel();
  const { user } = useCurrentUser();
  const trpc = useTRPC();
  const range = useMemo(() => lastDays(Date.now(), DAYS), []);
  const n = (value: number) => formatNumber(value, lang);

  const stats = useQuery(
    trpc.sendLogs.stats.queryOptions({ from: range.from, to: range.to }, { refetchInterval: 30_000 }),
  );
  const rules = useQuery(
    trpc.templateLinks.list.queryOptions({ isActive: true }, { refetchInterval: 60_000 }),
  );
  const repeats = useQuery(
    trpc.repeats.list.queryOptions({ status: 'pending', limit: 200 }, { refetchInterval: 60_000 }),
  );

  const days = useMemo(() => (stats.data ? dayRows(stats.data.byDay, stats.data.rows) : []), [stats.data]);
  const today = useMemo(
    () => (stats.data ? statusCounts(stats.data.rows, range.today) : null),
    [stats.data, range.today],
  );
  const sum = totals(days);
  const todayTotal = today ? CARD_STATUSES.reduce((acc, s) => acc + today[s], 0) : 0;

  return (
    <>
      <PageHeader
        eyebrow={tp('pages.dashboard.greeting', { name: user.name })}
        title={tp('pages.dashboard.title')}
        description={tp('pages.dashboard.description')}
      />

      {stats.isError && (
        <p
          role="alert"
          className="flex items-center gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          <Info className="size-4" aria-hidden="true" />
          {t('error')}: {describeError(stats.error, tp)}
          <Button variant="outline" size="sm" className="ml-auto" onClick={() => void stats.refetch()}>
            {tp('common.retry')}
          </Button>
        </p>
      )}

      <section aria-labelledby="dashboard-today" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <div>
            <h2 id="dashboard-today" className="text-base font-semibold">
              {t('today.title')}
            </h2>
            <p className="text-sm text-muted-foreground">{t('today.description')}</p>
          </div>
          {today && (
            <span className="text-sm text-muted-foreground">
              {t('today.total', { count: n(todayTotal) })}
            </span>
          )}
        </div>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {CARD_STATUSES.map((status) => (
            <li key={status}>
              {today ? (
                <Link
                  to={logsHref({ status, from: range.today, to: range.today })}
                  className={cn(
                    'flex h-full flex-col gap-2 rounded-xl border bg-card p-4 shadow-xs transition-colors outline-none hover:bg-muted/40 focus-visible:ring-[3px] focus-visible:ring-ring/50',
                    STATUS_ACCENT[status],
                  )}
                >
                  <SendStatusBadge status={status} />
                  <span
                    className={cn(
                      'text-3xl font-semibold tabular-nums',
                      today[status] === 0 ? 'text-muted-foreground' : STATUS_NUMBER[status],
                    )}
                  >
                    {n(today[status])}
                  </span>
                  <span className="sr-only">
                    {t('today.cardLabel', { status: statusLabel(status), count: n(today[status]) })}
                  </span>
                </Link>
              ) : (
                <Skeleton className="h-24 w-full rounded-xl" />
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="dashboard-automation" className="space-y-3">
        <h2 id="dashboard-automation" className="text-base font-semibold">
          {t('automation.title')}
        </h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <StatCard
            icon={<Workflow className="size-4" aria-hidden="true" />}
            label={t('automation.activeRules')}
            value={
              rules.data ? (
                t('automation.activeRulesCount', { count: n(rules.data.length) })
              ) : (
                <Skeleton className="h-8 w-16" />
              )
            }
            link="/automations"
            linkLabel={t('automation.rulesLink')}
          />
          <StatCard
            icon={<Repeat className="size-4" aria-hidden="true" />}
            label={t('automation.pendingRepeats')}
            value={
              repeats.data ? (
                repeats.data.nextCursor ? (
                  t('automation.pendingRepeatsMany', { count: n(repeats.data.items.length) })
                ) : (
                  t('automation.pendingRepeatsCount', { count: n(repeats.data.items.length) })
                )
              ) : (
                <Skeleton className="h-8 w-16" />
              )
            }
            link="/repeats?status=pending"
            linkLabel={t('automation.repeatsLink')}
          />
          <StatCard
            icon={<XCircle className="size-4" aria-hidden="true" />}
            label={t('automation.failedWeek')}
            value={stats.data ? n(stats.data.totals.byStatus.failed) : <Skeleton className="h-8 w-16" />}
            link={logsHref({ status: 'failed', from: range.from, to: range.to })}
            linkLabel={t('automation.failedLink')}
          />
        </div>
      </section>

      {stats.isPending ? (
        <Skeleton className="h-80 w-full rounded-xl" />
      ) : stats.data && sum.total === 0 ? (
        <EmptyState
          icon={BarChart3}
          title={tp('pages.dashboard.emptyTitle')}
          action={
            <Button asChild>
              <Link to="/automations">
                {t('empty.action')}
                <ArrowRight aria-hidden="true" />
              </Link>
            </Button>
          }
        >
          {tp('pages.dashboard.emptyBody')}
        </EmptyState>
      ) : stats.data ? (
        <Card>
          <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
            <div className="space-y-1.5">
              <CardTitle>
                <h2 className="text-base">{t('chart.title')}</h2>
              </CardTitle>
              <CardDescription>{t('chart.description')}</CardDescription>
            </div>
            <span className="text-sm text-muted-foreground">{t('chart.total', { count: n(sum.total) })}</span>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<Skeleton className="h-64 w-full" />}>
              <SendsChart days={days} />
            </Suspense>
          </CardContent>
        </Card>
      ) : null}
      <Suspense fallback={<Skeleton className="h-64 w-full" />}>
        <RuleResultsOverview />
      </Suspense>
    </>
  );
}
