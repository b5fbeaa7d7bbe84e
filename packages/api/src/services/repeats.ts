// FR-05/FR-06: the repeat sweep. Run by the graphile-worker cron every minute and by the bearer-protected REST
// endpoint; both call processDueRepeats, which claims due entries with FOR UPDATE SKIP LOCKED so any number of
// concurrent sweeps split the work instead of doubling it.
import { decideRepeat, isDeferringSkipReason, isLastRepeat, nextRunAt, type EndReason, partitionFields, type RepeatConfig } from '@alimflow/automation-core';
import { withPoolTransaction, type AlimtalkAutomationQueue, type Partition } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { insertAutomationEvents, type AutomationEventInsert } from './bulk-insert.ts';
import { linksWithPartitionFields } from './evaluation-reads.ts';
import { enqueueSendGroups, type RawTx } from './jobs.ts';
import { linkRepeatConfig, type LinkWithTemplate } from './links.ts';
import { endSeries } from './repeat-series.ts';
import { decideSends, skipDetail, type DecideSendInput } from './send-decision.ts';

export interface RepeatSweepResult {
  processed: number;
  sent: number;
  completed: number;
  cancelled: number;
  /** Entries moved to a later time without a send (cooldown). */
  deferred: number;
}

/**
 * Entries per claim. The plan said 100; issue 10 measured the sweep per entry at 106 entries/s, so a claim now takes
 * 500 and decides them with one statement per step (decideSends, one UPDATE for the advanced entries).
 */
export const REPEAT_BATCH_SIZE = 500;

/**
 * Claims in flight at once per sweep. Each claim alternates between Node (deciding, building rows) and Postgres
 * (its statements); with two, one claim's Node work overlaps the other's statements, so a sweep uses both of a
 * 2-core machine instead of one at a time. SKIP LOCKED keeps the lanes' entries disjoint.
 */
export const REPEAT_SWEEP_LANES = 2;

/** A claimed entry with its record's data (null: the record is gone). */
type DueEntry = AlimtalkAutomationQueue & { recordData: Record<string, unknown> | null };

export async function processDueRepeats(
  deps: AppDeps,
  options: { budgetMs?: number; batchSize?: number; lanes?: number } = {},
): Promise<RepeatSweepResult> {
  const budgetMs = options.budgetMs ?? 25_000;
  const batchSize = options.batchSize ?? REPEAT_BATCH_SIZE;
  const started = Date.now();
  const total: RepeatSweepResult = { processed: 0, sent: 0, completed: 0, cancelled: 0, deferred: 0 };
  // Each lane claims until a claim comes back short (nothing more is due that no one else holds) or the budget ends.
  const lane = async () => {
    while (Date.now() - started < budgetMs) {
      const now = deps.now();
      const handled = await withPoolTransaction(
        deps.db,
        async (tx) => {
          // The record comes with its entry (one statement, no id list sent back); OF q locks the entries only.
          const due = await tx.$queryRaw<DueEntry[]>`
            SELECT q.*, r.data AS "recordData" FROM "AlimtalkAutomationQueue" q
              LEFT JOIN "Record" r ON r.id = q."recordId"
             WHERE q.status = 'pending' AND q."nextRunAt" <= ${now}
             ORDER BY q."nextRunAt" LIMIT ${batchSize} FOR UPDATE OF q SKIP LOCKED`;
          await handleEntries(tx, due, now, total);
          return due.length;
        },
        { timeoutMs: 60_000 },
      );
      total.processed += handled;
      if (handled < batchSize) break;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? REPEAT_SWEEP_LANES) }, lane));
  if (total.processed) deps.logger.info(total, 'repeat sweep finished');
  return total;
}

type LinkWithPartition = LinkWithTemplate & { partition: Pick<Partition, 'fields'> };

type Ending = { entry: DueEntry; status: 'completed' | 'cancelled'; reason: EndReason; detail: unknown };

type Sending = { entry: DueEntry; config: RepeatConfig; occurrence: number; trace: unknown; input: DecideSendInput };

/** What the sweep reads of a link, parsed once per claim rather than once per entry. */
function linkContext(link: LinkWithPartition) {
  return { link, config: linkRepeatConfig(link), fields: partitionFields(link.partition.fields) };
}

async function handleEntries(tx: RawTx, due: DueEntry[], now: Date, total: RepeatSweepResult) {
  if (!due.length) return;
  const links = await linksWithPartitionFields(tx, [...new Set(due.map((e) => e.linkId))]);
  const linkById = new Map(links.map((l) => [l.id, linkContext(l)]));
  const events: AutomationEventInsert[] = [];
  const event = (entry: DueEntry, decision: string, reason: string | null, detail: unknown, sendLogId: string | null = null) =>
    events.push({ orgId: entry.orgId, linkId: entry.linkId, recordId: entry.recordId, event: 'repeat', decision, reason, detail, sendLogId, createdAt: now });
  // Series that end in this claim, ended together after the advance (a last occurrence is advanced, then completed).
  const ending: Ending[] = [];
  const end = (entry: DueEntry, status: Ending['status'], reason: EndReason, detail: unknown = null) => ending.push({ entry, status, reason, detail });

  const sending: Sending[] = [];
  for (const entry of due) {
    const context = linkById.get(entry.linkId);
    if (!context?.config) {
      end(entry, 'cancelled', context ? 'repeat_disabled' : 'link_deleted');
      continue;
    }
    const { link, config, fields } = context;
    const decision = decideRepeat({
      repeatCount: entry.repeatCount,
      config,
      link: { isActive: link.isActive, deleted: link.deletedAt !== null },
      record: entry.recordData,
      fields,
    });
    if (decision.action === 'cancel') end(entry, 'cancelled', decision.reason);
    else if (decision.action === 'complete') end(entry, 'completed', decision.reason, { trace: decision.trace ?? null });
    else {
      const occurrence = entry.repeatCount + 1;
      sending.push({
        entry,
        config,
        occurrence,
        trace: decision.trace,
        input: {
          orgId: entry.orgId,
          link,
          recordId: entry.recordId,
          data: entry.recordData!,
          fields,
          triggerType: 'repeat',
          dedupeKey: `repeat:${entry.id}:${entry.createdAt.getTime()}:${occurrence}`,
          now,
          applyCooldown: true,
          recordSkips: false,
        },
      });
    }
  }

  const { decisions, queued } = await decideSends(tx, sending.map((s) => s.input));
  // Advanced and deferred entries alike: their new count and due time, written by one UPDATE.
  const moved: { id: string; repeatCount: number; nextRunAt: string }[] = [];
  for (const [i, s] of sending.entries()) {
    const result = decisions[i]!;
    if (result.outcome === 'skipped') {
      if (isDeferringSkipReason(result.reason)) {
        // Not this time (cooldown, frequency cap): try again when it ends; the repeat count is unchanged.
        const until = result.until ?? nextRunAt(now, s.config);
        moved.push({ id: s.entry.id, repeatCount: s.entry.repeatCount, nextRunAt: until.toISOString() });
        event(s.entry, 'skipped', result.reason, { message: result.message, until: until.toISOString() });
        total.deferred += 1;
        continue;
      }
      // The message cannot be built or delivered for this record; repeating would only repeat the failure.
      end(s.entry, 'cancelled', result.reason, skipDetail(result));
      continue;
    }
    // 'duplicate' is this occurrence sent by an earlier, interrupted sweep: advance the entry all the same.
    moved.push({ id: s.entry.id, repeatCount: s.occurrence, nextRunAt: nextRunAt(now, s.config).toISOString() });
    // Held by the send window, a repeat still counts as this occurrence: the series stays on its cadence (the next
    // one is due a period after this sweep, not after the opening), and the history says until when it waits.
    const wait = result.outcome === 'queued' ? result.waitUntil : undefined;
    event(s.entry, 'fired', wait ? 'send_window' : null, { occurrence: s.occurrence, maxRepeat: s.config.maxRepeat, trace: s.trace, ...(wait ? { until: wait.toISOString() } : {}) }, result.sendLogId);
    total.sent += 1;
    if (isLastRepeat(s.occurrence, s.config)) end(s.entry, 'completed', 'max_repeat_reached', { occurrence: s.occurrence });
  }
  if (moved.length)
    await tx.$executeRaw`UPDATE "AlimtalkAutomationQueue" q SET "repeatCount" = a.repeat_count, "nextRunAt" = a.next_run_at, "updatedAt" = ${now}
      FROM unnest(${moved.map((a) => a.id)}::uuid[], ${moved.map((a) => a.repeatCount)}::int[], ${moved.map((a) => a.nextRunAt)}::timestamptz[])
        AS a(id, repeat_count, next_run_at)
     WHERE q.id = a.id`;
  await insertAutomationEvents(tx, events);
  await endAll(tx, ending, now, total);
  await enqueueSendGroups(tx, queued);
}

/** One endSeries per (org, status, reason) of the claim, each entry with its own detail. */
async function endAll(tx: RawTx, ending: Ending[], now: Date, total: RepeatSweepResult) {
  const groups = new Map<string, Ending[]>();
  for (const e of ending) {
    const key = `${e.entry.orgId}:${e.status}:${e.reason}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  for (const group of groups.values()) {
    const { entry, status, reason } = group[0]!;
    const details = new Map(group.map((e) => [e.entry.id, e.detail]));
    const ended = await endSeries(tx, { orgId: entry.orgId, ids: [...details.keys()] }, { status, reason, now, detail: (e) => details.get(e.id) });
    if (status === 'completed') total.completed += ended.length;
    else total.cancelled += ended.length;
  }
}
