// A rule's results in its detail sheet: the funnel for 7 / 30 days as bars with the same numbers in a table, and
// for repeat rules the goal rate and the median time from the first message to the goal (ruleResults.forRule).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { Alert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { describeError } from '@/lib/errors';
import { formatNumber, formatPercent } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { durationText, FUNNEL_STAGES, STAGE_COLORS, type FunnelCounts, type ResultDays } from './funnel';
import { PeriodToggle } from './period-toggle';

export function RuleResultsSection({ linkId }: { linkId: string }) {
  const { t, i18n } = useTranslation('results');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const [days, setDays] = useState<ResultDays>(7);
  const results = useQuery({ ...trpc.ruleResults.forRule.queryOptions({ linkId, days }), placeholderData: keepPreviousData, refetchInterval: 5_000 });
  const lang = i18n.resolvedLanguage;
  const data = results.data;

  return (
    <section aria-labelledby="rule-results" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="rule-results" className="text-sm font-semibold">
          {t('results.title')}
        </h3>
        <PeriodToggle days={days} onChange={setDays} />
      </div>
      <p className="text-xs text-muted-foreground">{t('results.description')}</p>
      {results.isError ? (
        <Alert variant="destructive">
          <AlertTriangle aria-hidden="true" />
          <span>{t('results.loadFailed', { reason: describeError(results.error, tRoot) })}</span>
        </Alert>
      ) : !data ? (
        <Skeleton className="h-40 w-full" />
      ) : (
        <>
          <FunnelChart funnel={data.funnel} />
          <FunnelTable funnel={data.funnel} lang={lang} />
          {data.isRepeat && (
            <dl className="grid gap-x-4 gap-y-1 rounded-md border p-3 text-sm sm:grid-cols-[12rem_1fr]" aria-label={t('results.goalTitle')}>
              <dt className="text-muted-foreground">{t('results.goalRate')}</dt>
              <dd>
                {data.goal.goalRate === null
                  ? t('results.goalNone')
                  : t('results.goalRateValue', {
                      rate: formatPercent(data.goal.goalRate, lang),
                      ended: formatNumber(data.goal.ended, lang),
                      reached: formatNumber(data.goal.goalReached, lang),
                    })}
              </dd>
              <dt className="text-muted-foreground">{t('results.medianToGoal')}</dt>
              <dd>{data.goal.medianMsToGoal === null ? t('results.medianNone') : durationText(data.goal.medianMsToGoal, t)}</dd>
              <dd className="text-xs text-muted-foreground sm:col-span-2">{t('results.goalHint')}</dd>
            </dl>
          )}
        </>
      )}
    </section>
  );
}

function FunnelChart({ funnel }: { funnel: FunnelCounts }) {
  const { t } = useTranslation('results');
  const data = FUNNEL_STAGES.map((stage) => ({ stage, label: t(`results.${stage}`), value: funnel[stage] }));
  return (
    <div role="img" aria-label={t('results.chartLabel')} className="h-48 min-w-0">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e5e5e5" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#737373' }} interval={0} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#737373' }} width={40} />
          <Bar dataKey="value" maxBarSize={40} radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.stage} fill={STAGE_COLORS[d.stage]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function FunnelTable({ funnel, lang }: { funnel: FunnelCounts; lang: string | undefined }) {
  const { t } = useTranslation('results');
  return (
    <Table aria-labelledby="rule-results">
      <TableHeader>
        <TableRow>
          <TableHead>{t('results.stage')}</TableHead>
          <TableHead className="text-right">{t('results.count')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {FUNNEL_STAGES.map((stage) => (
          <TableRow key={stage}>
            <TableCell>{t(`results.${stage}`)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(funnel[stage], lang)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
