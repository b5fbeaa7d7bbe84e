// Task `automation.evaluate`: one committed record change → a decision per link of its partition, each stored as
// an AutomationEvent (fired, or skipped with the reason and the condition trace).
import { decideRepeat, matchTrigger, partitionFields } from '@alimflow/automation-core';
import type { Prisma } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { linkCondition, linkFireOn, linkRepeatConfig } from './links.ts';
import type { RecordEventPayload } from './records.ts';
import { endSeries } from './repeat-series.ts';
import { decideSend, skipDetail } from './send-decision.ts';

export interface EvaluationSummary {
  links: number;
  fired: number;
  skipped: number;
  repeatsCompleted: number;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export async function evaluateRecordEvent(deps: AppDeps, payload: RecordEventPayload): Promise<EvaluationSummary> {
  const { db } = deps;
  const now = deps.now();
  const summary: EvaluationSummary = { links: 0, fired: 0, skipped: 0, repeatsCompleted: 0 };
  const partition = await db.partition.findFirst({ where: { id: payload.partitionId, orgId: payload.orgId } });
  if (!partition) return summary;
  const fields = partitionFields(partition.fields);
  const after = payload.after;
  const before = payload.before;

  if (payload.event === 'update') summary.repeatsCompleted = await completeSatisfiedRepeats(deps, payload, fields, now);

  const links = await db.alimtalkTemplateLink.findMany({
    where: {
      orgId: payload.orgId,
      partitionId: payload.partitionId,
      deletedAt: null,
      triggerType: payload.event === 'create' ? 'on_create' : 'on_update',
    },
    include: { template: true },
    orderBy: { createdAt: 'asc' },
  });
  summary.links = links.length;

  for (const link of links) {
    const decision = matchTrigger({
      link: { triggerType: link.triggerType, triggerCondition: linkCondition(link), fireOn: linkFireOn(link), isActive: link.isActive },
      event: payload.event,
      before,
      after,
      fields,
    });
    const eventBase = { orgId: payload.orgId, linkId: link.id, recordId: payload.recordId, event: payload.event, createdAt: now };

    if (!decision.fire) {
      summary.skipped += 1;
      // A retried job must not write the same explanation twice.
      const seen = await db.automationEvent.findFirst({
        where: { orgId: payload.orgId, recordId: payload.recordId, linkId: link.id, detail: { path: ['eventId'], equals: payload.eventId } },
        select: { id: true },
      });
      if (seen) continue;
      await db.automationEvent.create({
        data: { ...eventBase, decision: 'skipped', reason: decision.reason, detail: json({ eventId: payload.eventId, trace: decision.trace ?? null }) },
      });
      continue;
    }

    await db.$transaction(async (tx) => {
      const result = await decideSend(tx, {
        orgId: payload.orgId,
        link,
        recordId: payload.recordId,
        data: after,
        fields,
        triggerType: 'auto',
        dedupeKey: `auto:${link.id}:${payload.recordId}:${payload.eventId}`,
        now,
        applyCooldown: true,
        recordSkips: true,
      });
      if (result.outcome === 'duplicate') return; // a retried job: this occurrence was decided already
      const fired = result.outcome === 'queued';
      if (fired) summary.fired += 1;
      else summary.skipped += 1;
      await tx.automationEvent.create({
        data: {
          ...eventBase,
          decision: fired ? 'fired' : 'skipped',
          reason: fired ? null : result.reason,
          sendLogId: result.sendLogId,
          detail: json({
            eventId: payload.eventId,
            trace: decision.trace,
            ...(result.outcome === 'skipped' ? { ...skipDetail(result), until: result.until?.toISOString() ?? null } : {}),
          }),
        },
      });
    });
  }
  return summary;
}

/**
 * FR-05: an update that meets a series' stop condition ends it now rather than at its next due time. The same
 * decision as the sweep's (decideRepeat); only "complete" is acted on here — cancelling for a link's state is the
 * link's and the sweep's business, not this record change's.
 */
async function completeSatisfiedRepeats(
  deps: AppDeps,
  payload: RecordEventPayload,
  fields: ReturnType<typeof partitionFields>,
  now: Date,
): Promise<number> {
  const entries = await deps.db.alimtalkAutomationQueue.findMany({
    where: { orgId: payload.orgId, recordId: payload.recordId, status: 'pending' },
    include: { link: true },
  });
  let completed = 0;
  for (const entry of entries) {
    const config = linkRepeatConfig(entry.link);
    if (!config) continue;
    const decision = decideRepeat({
      repeatCount: entry.repeatCount,
      config,
      link: { isActive: entry.link.isActive, deleted: entry.link.deletedAt !== null },
      record: payload.after,
      fields,
    });
    if (decision.action !== 'complete') continue;
    const ended = await deps.db.$transaction((tx) =>
      endSeries(tx, { orgId: payload.orgId, id: entry.id }, {
        status: 'completed',
        reason: decision.reason,
        now,
        detail: () => ({ eventId: payload.eventId, trace: decision.trace ?? null }),
      }),
    );
    completed += ended.length;
  }
  return completed;
}
