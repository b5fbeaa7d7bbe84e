// Shared skips: the rules one record event skipped for the same reason before any send was considered (condition
// not met, not a transition, rule off) are stored as ONE AutomationEvent row — linkId null, the rules in "linkIds",
// each rule's condition trace in detail.traces — instead of a row per rule. A partition with 20 rules wrote 20 rows
// per created record, and that INSERT was more than half of the evaluation's database time (issue 10: records.create
// p50 with 20 rules ÷ 0 rules at concurrency 10, 1.40–1.58 with the rows, 1.09–1.11 without). Readers see a rule's
// own event either way: `eventViews` turns a stored row into one view per rule, so every answer (a record's
// history, a rule's history, the results counts) reads as before. Writing and reading the shape live here only.
import type { AutomationEvent } from '@alimflow/db';
import type { AutomationEventInsert } from './bulk-insert.ts';

/** A rule's skip of one record event, as the evaluation decided it. */
export interface RuleSkip {
  orgId: string;
  recordId: string;
  event: string;
  eventId: string;
  linkId: string;
  reason: string;
  trace: unknown;
}

interface SharedDetail {
  eventId: string;
  traces: Record<string, unknown>;
}

/** The rows for a batch's skips: a rule alone in its (event, reason) keeps its own row; two or more share one. */
export function skipRows(skips: readonly RuleSkip[], createdAt: Date): AutomationEventInsert[] {
  const groups = new Map<string, RuleSkip[]>();
  for (const skip of skips) {
    const key = `${skip.orgId}:${skip.recordId}:${skip.eventId}:${skip.reason}`;
    const group = groups.get(key);
    if (group) group.push(skip);
    else groups.set(key, [skip]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const base = {
      orgId: first.orgId,
      recordId: first.recordId,
      event: first.event,
      decision: 'skipped',
      reason: first.reason,
      createdAt,
    };
    if (group.length === 1)
      return { ...base, linkId: first.linkId, detail: { eventId: first.eventId, trace: first.trace } };
    const detail: SharedDetail = {
      eventId: first.eventId,
      traces: Object.fromEntries(group.map((s) => [s.linkId, s.trace])),
    };
    return { ...base, linkId: null, linkIds: group.map((s) => s.linkId), detail };
  });
}

/**
 * The rule ids a row speaks for, as SQL: the shared row's list, or its own rule. For queries that count or look up
 * per rule (results, the retry check).
 */
export const ROW_LINK_IDS_SQL = `CASE WHEN cardinality("linkIds") > 0 THEN "linkIds" ELSE ARRAY["linkId"] END`;

/** A stored row as one rule's event: the shared row's id with the rule's, so each view has its own key. */
export type EventView = Omit<AutomationEvent, 'linkIds'>;

/** The views of a stored row: itself, or one per rule of a shared row (only `linkId`'s when given). */
export function eventViews(row: AutomationEvent, linkId?: string): EventView[] {
  const { linkIds, ...own } = row;
  if (!linkIds.length) return [own];
  const detail = (row.detail ?? {}) as Partial<SharedDetail>;
  const traces = detail.traces ?? {};
  return (linkId ? linkIds.filter((id) => id === linkId) : linkIds).map((id) => ({
    ...own,
    id: `${row.id}:${id}`,
    linkId: id,
    detail: { eventId: detail.eventId ?? null, trace: traces[id] ?? null },
  }));
}
