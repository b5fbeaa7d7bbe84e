// FR-05/FR-06: the repeat sweep. Run by the graphile-worker cron every minute and by the bearer-protected REST
// endpoint; both call processDueRepeats, which claims due entries with FOR UPDATE SKIP LOCKED so any number of
// concurrent sweeps split the work instead of doubling it.
import { decideRepeat, isDeferringSkipReason, isLastRepeat, nextRunAt, type EndReason, partitionFields, type RepeatConfig } from '@alimflow/automation-core';
import type { AlimtalkAutomationQueue } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { insertAutomationEvents, type AutomationEventInsert } from './bulk-insert.ts';
import { enqueueSendGroups, type Tx } from './jobs.ts';
import { linkRepeatConfig } from './links.ts';
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

export async function processDueRepeats(
  deps: AppDeps,
  options: { budgetMs?: number; batchSize?: number } = {},
): Promise<RepeatSweepResult> {
  const budgetMs = options.budgetMs ?? 25_000;
  const batchSize = options.batchSize ?? REPEAT_BATCH_SIZE;
  const started = Date.now();
  const total: RepeatSweepResult = { processed: 0, sent: 0, completed: 0, cancelled: 0, deferred: 0 };
  while (Date.now() - started < budgetMs) {
    const now = deps.now();
    const handled = await deps.db.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<AlimtalkAutomationQueue[]>`
          SELECT * FROM "AlimtalkAutomationQueue"
           WHERE status = 'pending' AND "nextRunAt" <= ${now}
           ORDER BY "nextRunAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        await handleEntries(tx, due, now, total);
        return due.length;
      },
      { timeout: 60_000 },
    );
    total.processed += handled;
    if (handled < batchSize) break;
  }
  if (total.processed) deps.logger.info(total, 'repeat sweep finished');
  return total;
}

type Sending = { entry: AlimtalkAutomationQueue; config: RepeatConfig; occurrence: number; trace: unknown; input: DecideSendInput };

async function handleEntries(tx: Tx, due: AlimtalkAutomationQueue[], now: Date, total: RepeatSweepResult) {
  if (!due.length) return;
  const links = await tx.alimtalkTemplateLink.findMany({ where: { id: { in: [...new Set(due.map((e) => e.linkId))] } }, include: { template: true, partition: true } });
  const records = await tx.record.findMany({ where: { id: { in: due.map((e) => e.recordId) } } });
  const linkById = new Map(links.map((l) => [l.id, l]));
  const recordById = new Map(records.map((r) => [r.id, r]));
  const events: AutomationEventInsert[] = [];
  const event = (entry: AlimtalkAutomationQueue, decision: string, reason: string | null, detail: unknown, sendLogId: string | null = null) =>
    events.push({ orgId: entry.orgId, linkId: entry.linkId, recordId: entry.recordId, event: 'repeat', decision, reason, detail, sendLogId, createdAt: now });
  const end = async (entry: AlimtalkAutomationQueue, status: 'completed' | 'cancelled', reason: EndReason, detail: unknown = null) => {
    const ended = await endSeries(tx, { orgId: entry.orgId, id: entry.id }, { status, reason, now, detail: () => detail });
    if (status === 'completed') total.completed += ended.length;
    else total.cancelled += ended.length;
  };

  const sending: Sending[] = [];
  for (const entry of due) {
    const link = linkById.get(entry.linkId);
    const record = recordById.get(entry.recordId);
    const config = link ? linkRepeatConfig(link) : null;
    if (!link || !config) {
      await end(entry, 'cancelled', link ? 'repeat_disabled' : 'link_deleted');
      continue;
    }
    const fields = partitionFields(link.partition.fields);
    const decision = decideRepeat({
      repeatCount: entry.repeatCount,
      config,
      link: { isActive: link.isActive, deleted: link.deletedAt !== null },
      record: record ? (record.data as Record<string, unknown>) : null,
      fields,
    });
    if (decision.action === 'cancel') await end(entry, 'cancelled', decision.reason);
    else if (decision.action === 'complete') await end(entry, 'completed', decision.reason, { trace: decision.trace ?? null });
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
          data: record!.data as Record<string, unknown>,
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
  const advanced: { id: string; repeatCount: number; nextRunAt: string }[] = [];
  const last: Sending[] = [];
  for (const [i, s] of sending.entries()) {
    const result = decisions[i]!;
    if (result.outcome === 'skipped') {
      if (isDeferringSkipReason(result.reason)) {
        // Not this time (cooldown, frequency cap): try again when it ends; the repeat count is unchanged.
        const until = result.until ?? nextRunAt(now, s.config);
        await tx.alimtalkAutomationQueue.update({ where: { id: s.entry.id }, data: { nextRunAt: until, updatedAt: now } });
        event(s.entry, 'skipped', result.reason, { message: result.message, until: until.toISOString() });
        total.deferred += 1;
        continue;
      }
      // The message cannot be built or delivered for this record; repeating would only repeat the failure.
      await end(s.entry, 'cancelled', result.reason, skipDetail(result));
      continue;
    }
    // 'duplicate' is this occurrence sent by an earlier, interrupted sweep: advance the entry all the same.
    advanced.push({ id: s.entry.id, repeatCount: s.occurrence, nextRunAt: nextRunAt(now, s.config).toISOString() });
    // Held by the send window, a repeat still counts as this occurrence: the series stays on its cadence (the next
    // one is due a period after this sweep, not after the opening), and the history says until when it waits.
    const wait = result.outcome === 'queued' ? result.waitUntil : undefined;
    event(s.entry, 'fired', wait ? 'send_window' : null, { occurrence: s.occurrence, maxRepeat: s.config.maxRepeat, trace: s.trace, ...(wait ? { until: wait.toISOString() } : {}) }, result.sendLogId);
    total.sent += 1;
    if (isLastRepeat(s.occurrence, s.config)) last.push(s);
  }
  if (advanced.length)
    await tx.$executeRaw`UPDATE "AlimtalkAutomationQueue" q SET "repeatCount" = a.repeat_count, "nextRunAt" = a.next_run_at, "updatedAt" = ${now}
      FROM unnest(${advanced.map((a) => a.id)}::uuid[], ${advanced.map((a) => a.repeatCount)}::int[], ${advanced.map((a) => a.nextRunAt)}::timestamptz[])
        AS a(id, repeat_count, next_run_at)
     WHERE q.id = a.id`;
  await insertAutomationEvents(tx, events);
  for (const s of last) await end(s.entry, 'completed', 'max_repeat_reached', { occurrence: s.occurrence });
  await enqueueSendGroups(tx, queued);
}
