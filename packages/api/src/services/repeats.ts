// FR-05/FR-06: the repeat sweep. Run by the graphile-worker cron every minute and by the bearer-protected REST
// endpoint; both call processDueRepeats, which claims due entries with FOR UPDATE SKIP LOCKED so any number of
// concurrent sweeps split the work instead of doubling it.
import { decideRepeat, isLastRepeat, nextRunAt, type EndReason, partitionFields } from '@alimflow/automation-core';
import type { AlimtalkAutomationQueue, Prisma } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import type { Tx } from './jobs.ts';
import { linkRepeatConfig } from './links.ts';
import { endSeries } from './repeat-series.ts';
import { decideSend, skipDetail } from './send-decision.ts';

export interface RepeatSweepResult {
  processed: number;
  sent: number;
  completed: number;
  cancelled: number;
  /** Entries moved to a later time without a send (cooldown). */
  deferred: number;
}

/** The plan's batch size: at most 100 entries per claim. */
export const REPEAT_BATCH_SIZE = 100;

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
        for (const entry of due) await handleEntry(tx, entry, now, total);
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

const json = (value: unknown) => value as Prisma.InputJsonValue;

async function handleEntry(tx: Tx, entry: AlimtalkAutomationQueue, now: Date, total: RepeatSweepResult) {
  const link = await tx.alimtalkTemplateLink.findUnique({ where: { id: entry.linkId }, include: { template: true, partition: true } });
  const record = await tx.record.findUnique({ where: { id: entry.recordId } });
  const config = link ? linkRepeatConfig(link) : null;
  const event = (decision: string, reason: string | null, detail: unknown, sendLogId: string | null = null) =>
    tx.automationEvent.create({
      data: { orgId: entry.orgId, linkId: entry.linkId, recordId: entry.recordId, event: 'repeat', decision, reason, detail: json(detail), sendLogId, createdAt: now },
    });
  const end = async (status: 'completed' | 'cancelled', reason: EndReason, detail: unknown = null) => {
    const ended = await endSeries(tx, { orgId: entry.orgId, id: entry.id }, { status, reason, now, detail: () => detail });
    if (status === 'completed') total.completed += ended.length;
    else total.cancelled += ended.length;
  };

  if (!link || !config) return end('cancelled', link ? 'repeat_disabled' : 'link_deleted');
  const fields = partitionFields(link.partition.fields);
  const decision = decideRepeat({
    repeatCount: entry.repeatCount,
    config,
    link: { isActive: link.isActive, deleted: link.deletedAt !== null },
    record: record ? (record.data as Record<string, unknown>) : null,
    fields,
  });
  if (decision.action === 'cancel') return end('cancelled', decision.reason);
  if (decision.action === 'complete') return end('completed', decision.reason, { trace: decision.trace ?? null });

  const occurrence = entry.repeatCount + 1;
  const result = await decideSend(tx, {
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
  });

  if (result.outcome === 'skipped') {
    if (result.reason === 'cooldown') {
      // Not this time: try again when the cooldown ends; the repeat count is unchanged.
      const until = result.until ?? nextRunAt(now, config);
      await tx.alimtalkAutomationQueue.update({ where: { id: entry.id }, data: { nextRunAt: until, updatedAt: now } });
      await event('skipped', 'cooldown', { message: result.message, until: until.toISOString() });
      total.deferred += 1;
      return;
    }
    // The message cannot be built or delivered for this record; repeating would only repeat the failure.
    return end('cancelled', result.reason, skipDetail(result));
  }

  await tx.alimtalkAutomationQueue.update({
    where: { id: entry.id },
    data: { repeatCount: occurrence, nextRunAt: nextRunAt(now, config), updatedAt: now },
  });
  await event('fired', null, { occurrence, maxRepeat: config.maxRepeat, trace: decision.trace }, result.sendLogId);
  total.sent += 1;
  if (isLastRepeat(occurrence, config)) await end('completed', 'max_repeat_reached', { occurrence });
}
