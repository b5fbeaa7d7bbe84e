// Sends per day by trigger type: stacked bars, and the same numbers in a table beside them for those who read
// rather than look. Trigger types are not statuses, so they get neutral shades — except repeats, which are amber
// as everywhere else ("repeating").
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTriggerLabel } from '@/features/logs/badges';
import { logsHref } from '@/features/logs/filters';
import { formatNumber } from '@/lib/format';
import { totals, visibleTriggers, type ChartTrigger, type DayRow } from './stats';

const COLORS: Record<ChartTrigger, string> = {
  auto: '#404040',
  repeat: '#f59e0b',
  manual: '#a3a3a3',
  test: '#d4d4d4',
};

function shortDay(day: string): { month: number; day: number } {
  const [, m, d] = day.split('-');
  return { month: Number(m), day: Number(d) };
}

export function SendsChart({ days }: { days: DayRow[] }) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const triggerLabel = useTriggerLabel();
  const triggers = visibleTriggers(days);
  const data = days.map((d) => ({ ...d, label: t('chart.dayLabel', shortDay(d.day)) }));
  const sum = totals(days);
  const n = (value: number) => formatNumber(value, lang);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_auto]">
      <div role="img" aria-label={t('chart.figureLabel')} className="h-72 min-w-0">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e5e5e5" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#737373' }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#737373' }} width={40} />
            <Tooltip
              cursor={{ fill: 'rgba(0,0,0,0.04)' }}
              formatter={(value, name) => [n(Number(value)), name]}
              contentStyle={{ borderRadius: 8, border: '1px solid #e5e5e5', fontSize: 12 }}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} formatter={(value) => <span className="text-foreground">{String(value)}</span>} />
            {triggers.map((trigger, index) => (
              <Bar
                key={trigger}
                dataKey={trigger}
                name={triggerLabel(trigger)}
                stackId="sends"
                fill={COLORS[trigger]}
                radius={index === triggers.length - 1 ? [3, 3, 0, 0] : 0}
                maxBarSize={36}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>

      <div className="overflow-x-auto rounded-lg border sm:max-h-72 sm:overflow-y-auto">
        <table className="text-xs tabular-nums">
          <caption className="sr-only">{t('chart.tableCaption')}</caption>
          <thead className="sticky top-0 bg-card text-muted-foreground shadow-[inset_0_-1px_0_var(--color-border)]">
            <tr>
              <th scope="col" className="px-2.5 py-1.5 text-left font-medium">
                {t('chart.day')}
              </th>
              {triggers.map((trigger) => (
                <th key={trigger} scope="col" className="px-2.5 py-1.5 text-right font-medium whitespace-nowrap">
                  <span className="mr-1 inline-block size-2 rounded-full" style={{ background: COLORS[trigger] }} aria-hidden="true" />
                  {triggerLabel(trigger)}
                </th>
              ))}
              <th scope="col" className="px-2.5 py-1.5 text-right font-medium">
                {t('chart.sum')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => {
              const label = t('chart.dayLabel', shortDay(d.day));
              return (
                <tr key={d.day} className="border-t">
                  <th scope="row" className="px-2.5 py-1 text-left font-normal whitespace-nowrap">
                    {d.total > 0 ? (
                      <Link to={logsHref({ from: d.day, to: d.day })} aria-label={t('chart.openDay', { date: label })} className="underline-offset-2 hover:underline">
                        {label}
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                  {triggers.map((trigger) => (
                    <td key={trigger} className={d[trigger] ? 'px-2.5 py-1 text-right' : 'px-2.5 py-1 text-right text-muted-foreground'}>
                      {n(d[trigger])}
                    </td>
                  ))}
                  <td className="px-2.5 py-1 text-right font-medium">{n(d.total)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot className="sticky bottom-0 bg-muted font-medium">
            <tr className="border-t">
              <th scope="row" className="px-2.5 py-1.5 text-left">
                {t('chart.totalRow')}
              </th>
              {triggers.map((trigger) => (
                <td key={trigger} className="px-2.5 py-1.5 text-right">
                  {n(sum[trigger])}
                </td>
              ))}
              <td className="px-2.5 py-1.5 text-right">{n(sum.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
