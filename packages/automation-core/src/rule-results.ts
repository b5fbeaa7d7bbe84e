// "Is this rule working?" — per-rule results over a period, from the rows the engine already writes: its
// automation events (what it looked at and decided), its send logs (what went out and what became of it) and,
// for repeat rules, its series (how reminders ended). Pure over arrays; the caller selects one org's rows.
import type { AutomationDecision, AutomationEventKind, SendStatus, SendTriggerType } from './codes.ts';
import { isEnrolSkipReason, isSendSkipReason } from './codes.ts';
import { kstDay } from './values.ts';

export type ResultEventRow = {
  linkId: string;
  kind: AutomationEventKind;
  decision: AutomationDecision;
  reason: string | null;
  at: Date;
  /** Rows this one stands for (a SQL group of identical rows, all in `at`'s KST day); 1 when absent. */
  count?: number;
};
export type ResultSendRow = {
  linkId: string;
  triggerType: SendTriggerType;
  status: SendStatus;
  reason: string | null;
  /** The SMS/LMS fallback went out (NHN's RSC04). */
  fallbackSent: boolean;
  at: Date;
  /** Rows this one stands for, as for events; 1 when absent. */
  count?: number;
};
export type ResultSeriesRow = {
  linkId: string;
  status: 'pending' | 'completed' | 'cancelled';
  endReason: string | null;
  /** The series' first message (the automatic send that started it). */
  firstSentAt: Date | null;
  endedAt: Date | null;
};

export type Funnel = {
  /**
   * Record events (create, update), due repeats and records an enrolment run considered (each matching record it
   * walked) the rule looked at; an admin's manual send is not the rule's.
   */
  evaluated: number;
  /** …whose trigger and condition held (sent, or stopped only by a send check or by "this rule already sent"). */
  matched: number;
  /** Messages NHN accepted. */
  sent: number;
  delivered: number;
  /** Refused by NHN or not delivered. */
  failed: number;
  /** Failed AlimTalks that reached the customer as SMS/LMS. */
  fallbackSent: number;
};

export type GoalResults = {
  /** Series that ended in the period, by how. */
  ended: number;
  goalReached: number;
  /** goalReached / ended; null when none ended. */
  goalRate: number | null;
  /** Median time from the first message to the goal, in ms; null when no series reached it. */
  medianMsToGoal: number | null;
};

export type RuleResults = { funnel: Funnel; goal: GoalResults };
export type Period = { from: Date; to: Date };

export const RESULT_PERIOD_DAYS = [7, 30] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The last `days` days up to `now`, as the results page offers them. */
export function resultsPeriod(days: number, now: Date): Period {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

const within = (at: Date | null, period: Period) =>
  at !== null && at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();

/** A rule's sends: what its triggers and repeats sent, not an admin's manual or test sends of its template. */
const isRuleSend = (row: ResultSendRow) => row.triggerType === 'auto' || row.triggerType === 'repeat';
/** Accepted by NHN: the sends that were later delivered or that failed only at delivery. */
const wasAccepted = (row: ResultSendRow) =>
  row.status === 'accepted' || row.status === 'delivered' || (row.status === 'failed' && row.reason === 'delivery_failed');

function emptyFunnel(): Funnel {
  return { evaluated: 0, matched: 0, sent: 0, delivered: 0, failed: 0, fallbackSent: 0 };
}

function countEvent(funnel: Funnel, row: ResultEventRow) {
  // `cancelled` and `completed` close a series rather than consider a send.
  if (row.kind === 'manual' || row.decision === 'cancelled' || row.decision === 'completed') return;
  const n = row.count ?? 1;
  funnel.evaluated += n;
  if (row.decision === 'fired' || isSendSkipReason(row.reason) || isEnrolSkipReason(row.reason)) funnel.matched += n;
}

function countSend(funnel: Funnel, row: ResultSendRow) {
  const n = row.count ?? 1;
  if (wasAccepted(row)) funnel.sent += n;
  if (row.status === 'delivered') funnel.delivered += n;
  if (row.status === 'failed') funnel.failed += n;
  if (row.fallbackSent) funnel.fallbackSent += n;
}

/** Middle value, or the mean of the two middle ones; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function goalResults(series: readonly ResultSeriesRow[], period: Period): GoalResults {
  const ended = series.filter((s) => s.status !== 'pending' && within(s.endedAt, period));
  const reached = ended.filter((s) => s.endReason === 'stop_condition_met');
  const times = reached
    .filter((s) => s.firstSentAt !== null)
    .map((s) => s.endedAt!.getTime() - s.firstSentAt!.getTime());
  return {
    ended: ended.length,
    goalReached: reached.length,
    goalRate: ended.length === 0 ? null : reached.length / ended.length,
    medianMsToGoal: median(times),
  };
}

export type ResultRows = {
  events: readonly ResultEventRow[];
  sends: readonly ResultSendRow[];
  series: readonly ResultSeriesRow[];
};

/** One rule's funnel and goal rate in the period (rows of other rules are ignored). */
export function ruleResults(linkId: string, rows: ResultRows, period: Period): RuleResults {
  const funnel = emptyFunnel();
  for (const row of rows.events) if (row.linkId === linkId && within(row.at, period)) countEvent(funnel, row);
  for (const row of rows.sends) if (row.linkId === linkId && isRuleSend(row) && within(row.at, period)) countSend(funnel, row);
  return { funnel, goal: goalResults(rows.series.filter((s) => s.linkId === linkId), period) };
}

/** Every rule that has rows in the period, for the dashboard. */
export function resultsByRule(rows: ResultRows, period: Period): Map<string, RuleResults> {
  const ids = new Set<string>();
  for (const row of [...rows.events, ...rows.sends]) if (within(row.at, period)) ids.add(row.linkId);
  for (const row of rows.series) if (within(row.endedAt, period)) ids.add(row.linkId);
  return new Map([...ids].sort().map((id) => [id, ruleResults(id, rows, period)]));
}

export type DailyFunnel = Funnel & { day: string };

/** The funnel per KST day of the period, every day present (zeros included) so a chart has no gaps. */
export function dailyFunnel(linkId: string, rows: ResultRows, period: Period): DailyFunnel[] {
  const days = new Map<string, DailyFunnel>();
  const last = kstDay(period.to.getTime() - 1);
  for (let t = period.from.getTime(); kstDay(t) <= last; t += DAY_MS) days.set(kstDay(t), { day: kstDay(t), ...emptyFunnel() });
  for (const row of rows.events) {
    if (row.linkId === linkId && within(row.at, period)) countEvent(days.get(kstDay(row.at.getTime()))!, row);
  }
  for (const row of rows.sends) {
    if (row.linkId === linkId && isRuleSend(row) && within(row.at, period)) countSend(days.get(kstDay(row.at.getTime()))!, row);
  }
  return [...days.values()];
}
