// The dashboard's "규칙별 성과": every rule's funnel for 7 / 30 days (ruleResults.overview) — sent, delivered and
// failed per rule as bars, and every number, the goal rate and the median time to goal in the table below.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { describeError } from '@/lib/errors';
import { formatNumber, formatPercent } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { durationText, FUNNEL_STAGES, STAGE_COLORS, type ResultDays } from './funnel';
import { PeriodToggle } from './period-toggle';

const CHART_STAGES = ['sent', 'delivered', 'failed'] as const;

export function RuleResultsOverview() {
  const { t, i18n } = useTranslation('results');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const [days, setDays] = useState<ResultDays>(7);
  // Fresh on every visit: the figures move with every send, and the page is the place people come back to.
  const results = useQuery({ ...trpc.ruleResults.overview.queryOptions({ days }), placeholderData: keepPreviousData, staleTime: 0 });
  const lang = i18n.resolvedLanguage;
  const n = (value: number) => formatNumber(value, lang);
  const rules = results.data?.rules ?? [];

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="space-y-1.5">
          <CardTitle>
            <h2 id="rule-results-overview" className="text-base">{t('results.overviewTitle')}</h2>
          </CardTitle>
          <CardDescription>{t('results.overviewDescription')}</CardDescription>
        </div>
        <PeriodToggle days={days} onChange={setDays} />
      </CardHeader>
      <CardContent className="space-y-4">
        {results.isError ? (
          <Alert variant="destructive">
            <AlertTriangle aria-hidden="true" />
            <span>{t('results.loadFailed', { reason: describeError(results.error, tRoot) })}</span>
          </Alert>
        ) : !results.data ? (
          <Skeleton className="h-48 w-full" />
        ) : rules.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('results.noRules')}</p>
        ) : (
          <>
            <div role="img" aria-label={t('results.overviewChartLabel')} className="h-56 min-w-0">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rules.map((r) => ({ name: r.name, ...r.funnel }))} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke="#e5e5e5" />
                  <XAxis dataKey="name" tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#737373' }} interval={0} />
                  <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#737373' }} width={40} />
                  <Tooltip formatter={(value, name) => [n(Number(value)), name]} contentStyle={{ borderRadius: 8, border: '1px solid #e5e5e5', fontSize: 12 }} />
                  <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
                  {CHART_STAGES.map((stage) => (
                    <Bar key={stage} dataKey={stage} name={t(`results.${stage}`)} fill={STAGE_COLORS[stage]} maxBarSize={24} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <div className="overflow-x-auto">
              <Table aria-labelledby="rule-results-overview">
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('results.rule')}</TableHead>
                    {FUNNEL_STAGES.map((stage) => (
                      <TableHead key={stage} className="text-right">
                        {t(`results.${stage}`)}
                      </TableHead>
                    ))}
                    <TableHead className="text-right">{t('results.goalRate')}</TableHead>
                    <TableHead className="text-right">{t('results.medianToGoal')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rules.map((rule) => (
                    <TableRow key={rule.linkId}>
                      <TableCell className="font-medium">{rule.name}</TableCell>
                      {FUNNEL_STAGES.map((stage) => (
                        <TableCell key={stage} className="text-right tabular-nums">
                          {n(rule.funnel[stage])}
                        </TableCell>
                      ))}
                      <TableCell className="text-right tabular-nums">
                        {!rule.isRepeat || rule.goal.goalRate === null ? t('results.notRepeat') : formatPercent(rule.goal.goalRate, lang)}
                      </TableCell>
                      <TableCell className="text-right">
                        {!rule.isRepeat || rule.goal.medianMsToGoal === null ? t('results.notRepeat') : durationText(rule.goal.medianMsToGoal, t)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
