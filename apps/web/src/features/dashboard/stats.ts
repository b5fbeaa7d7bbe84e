// sendLogs.stats → what the dashboard shows: one row per KST day with a count per trigger type (for the stacked
// bars and the table beside them), and today's counts per status (for the cards). Pure.
import { kstDay } from '@alimflow/automation-core';

export const CHART_TRIGGERS = ['auto', 'repeat', 'manual', 'test'] as const;
export type ChartTrigger = (typeof CHART_TRIGGERS)[number];
export const CARD_STATUSES = ['pending', 'accepted', 'delivered', 'failed', 'skipped'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export interface StatsRow {
  day: string;
  triggerType: string;
  status: string;
  count: number;
}

export interface DayRow extends Record<ChartTrigger, number> {
  day: string;
  total: number;
}

const DAY_MS = 86_400_000;

/** The last `days` KST days ending today: from (inclusive) and to (inclusive), as YYYY-MM-DD. */
export function lastDays(now: number, days: number): { from: string; to: string; today: string } {
  const today = kstDay(now);
  return { from: kstDay(now - (days - 1) * DAY_MS), to: today, today };
}

/** Every day of the range (zero-filled by the server's byDay) with its counts per trigger type. */
export function dayRows(days: readonly { day: string }[], rows: readonly StatsRow[]): DayRow[] {
  const byDay = new Map<string, DayRow>(days.map(({ day }) => [day, { day, auto: 0, repeat: 0, manual: 0, test: 0, total: 0 }]));
  for (const row of rows) {
    const target = byDay.get(row.day);
    if (!target) continue;
    if ((CHART_TRIGGERS as readonly string[]).includes(row.triggerType)) target[row.triggerType as ChartTrigger] += row.count;
    target.total += row.count;
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Counts per status on one day. */
export function statusCounts(rows: readonly StatsRow[], day: string): Record<CardStatus, number> {
  const counts = Object.fromEntries(CARD_STATUSES.map((s) => [s, 0])) as Record<CardStatus, number>;
  for (const row of rows) {
    if (row.day === day && (CARD_STATUSES as readonly string[]).includes(row.status)) counts[row.status as CardStatus] += row.count;
  }
  return counts;
}

/** Trigger types worth a series: the three everyone uses, plus test sends only when there were any. */
export function visibleTriggers(days: readonly DayRow[]): ChartTrigger[] {
  return CHART_TRIGGERS.filter((trigger) => trigger !== 'test' || days.some((d) => d.test > 0));
}

export function totals(days: readonly DayRow[]): DayRow {
  const sum: DayRow = { day: '', auto: 0, repeat: 0, manual: 0, test: 0, total: 0 };
  for (const d of days) for (const key of [...CHART_TRIGGERS, 'total'] as const) sum[key] += d[key];
  return sum;
}
