// Per-rule results for one org over 7 or 30 days. Events and sends are counted in SQL — grouped per (rule, kind,
// decision/status, reason, KST day), since a busy rule has tens of thousands of rows a month — and automation-core's
// rule-results.ts makes every decision about what counts as evaluated, matched, sent, delivered and the goal.
import {
  dailyFunnel,
  resultsByRule,
  resultsPeriod,
  ruleResults,
  type Period,
  type ResultEventRow,
  type ResultRows,
  type ResultSendRow,
  type ResultSeriesRow,
} from '@alimflow/automation-core';
import { Prisma } from '@alimflow/db';
import type { Tx } from './jobs.ts';
import { loadLink, type Scope } from './link-store.ts';
import { linkRepeatConfig } from './links.ts';
import { ROW_LINK_IDS_SQL } from './skip-history.ts';

async function loadRows(db: Tx, orgId: string, period: Period, linkId: string | null): Promise<ResultRows> {
  const { from, to } = period;
  const [events, sends, series] = await Promise.all([
    // A shared skip counts once for each rule it names (skip-history.ts).
    db.$queryRaw<ResultEventRow[]>`
      SELECT l::text AS "linkId", event AS kind, decision, reason, min("createdAt") AS at, count(*)::int AS count
        FROM "AutomationEvent", unnest(${Prisma.raw(ROW_LINK_IDS_SQL)}) AS l
       WHERE "orgId" = ${orgId}::uuid AND l IS NOT NULL AND (${linkId}::uuid IS NULL OR l = ${linkId}::uuid)
         AND (${linkId}::uuid IS NULL OR "linkId" = ${linkId}::uuid OR "linkIds" @> ARRAY[${linkId}::uuid])
         AND "createdAt" >= ${from} AND "createdAt" < ${to}
       GROUP BY l, event, decision, reason, ("createdAt" AT TIME ZONE 'Asia/Seoul')::date`,
    db.$queryRaw<ResultSendRow[]>`
      SELECT "linkId"::text AS "linkId", "triggerType"::text AS "triggerType", status::text AS status, reason,
             coalesce("fallbackStatus" = 'sent', false) AS "fallbackSent", min("createdAt") AS at, count(*)::int AS count
        FROM "AlimtalkSendLog"
       WHERE "orgId" = ${orgId}::uuid AND "linkId" IS NOT NULL AND (${linkId}::uuid IS NULL OR "linkId" = ${linkId}::uuid)
         AND "triggerType" IN ('auto', 'repeat') AND "createdAt" >= ${from} AND "createdAt" < ${to}
       GROUP BY "linkId", "triggerType", status, reason, 5, ("createdAt" AT TIME ZONE 'Asia/Seoul')::date`,
    // A series' createdAt is its first message (a restart resets it); it ends at its last update.
    db.$queryRaw<ResultSeriesRow[]>`
      SELECT "linkId"::text AS "linkId", status::text AS status, "endReason", "createdAt" AS "firstSentAt", "updatedAt" AS "endedAt"
        FROM "AlimtalkAutomationQueue"
       WHERE "orgId" = ${orgId}::uuid AND (${linkId}::uuid IS NULL OR "linkId" = ${linkId}::uuid)
         AND status <> 'pending' AND "updatedAt" >= ${from} AND "updatedAt" < ${to}`,
  ]);
  return { events, sends, series };
}

const periodOutput = (days: number, period: Period) => ({
  days,
  from: period.from.toISOString(),
  to: period.to.toISOString(),
});

/** One rule's funnel, goal rate and per-day funnel (for its chart). */
export async function resultsForRule(scope: Scope, linkId: string, days: number, now: Date) {
  const link = await loadLink(scope, linkId);
  const period = resultsPeriod(days, now);
  const rows = await loadRows(scope.db, scope.orgId, period, link.id);
  return {
    ...periodOutput(days, period),
    linkId: link.id,
    isRepeat: linkRepeatConfig(link) !== null,
    ...ruleResults(link.id, rows, period),
    daily: dailyFunnel(link.id, rows, period),
  };
}

/** Every live rule of the org, with zeros for the quiet ones, for the dashboard. */
export async function resultsOverview(scope: Scope, days: number, now: Date) {
  const period = resultsPeriod(days, now);
  const [links, rows] = await Promise.all([
    scope.db.alimtalkTemplateLink.findMany({
      where: { orgId: scope.orgId, deletedAt: null },
      orderBy: { createdAt: 'asc' },
    }),
    loadRows(scope.db, scope.orgId, period, null),
  ]);
  const byRule = resultsByRule(rows, period);
  return {
    ...periodOutput(days, period),
    rules: links.map((link) => ({
      linkId: link.id,
      name: link.name,
      isActive: link.isActive,
      isRepeat: linkRepeatConfig(link) !== null,
      ...(byRule.get(link.id) ?? ruleResults(link.id, { events: [], sends: [], series: [] }, period)),
    })),
  };
}
