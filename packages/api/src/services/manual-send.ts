// Sends an admin starts by hand: FR "manual" sends to chosen records, and retries of failed sends.
import { partitionFields } from '@alimflow/automation-core';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import { DomainError, notFound } from '../errors.ts';
import { enqueueSend } from './jobs.ts';
import { decideSend, skipDetail, type SendDecision } from './send-decision.ts';

export async function sendManual(
  deps: AppDeps,
  input: { orgId: string; linkId: string; recordIds: string[]; requestKey?: string | undefined; userId: string },
) {
  const { db } = deps;
  const now = deps.now();
  const link = await db.alimtalkTemplateLink.findFirst({
    where: { id: input.linkId, orgId: input.orgId, deletedAt: null },
    include: { template: true, partition: true },
  });
  if (!link) throw notFound('Template link');
  const records = await db.record.findMany({ where: { id: { in: input.recordIds }, orgId: input.orgId, partitionId: link.partitionId } });
  const found = new Set(records.map((r) => r.id));
  const missing = input.recordIds.filter((id) => !found.has(id));
  if (missing.length) {
    throw new DomainError('not_found', `Records not found in this link's partition: ${missing.join(', ')}`);
  }
  const fields = partitionFields(link.partition.fields);
  // A client may pass its own key so a double-clicked "send" or a retried request sends once.
  const requestKey = input.requestKey ?? randomUUID();
  const results: Array<{ recordId: string } & SendDecision> = [];
  for (const record of records) {
    const decision = await db.$transaction(async (tx) => {
      const d = await decideSend(tx, {
        orgId: input.orgId,
        link,
        recordId: record.id,
        data: record.data as Record<string, unknown>,
        fields,
        triggerType: 'manual',
        dedupeKey: `manual:${link.id}:${record.id}:${requestKey}`,
        now,
        applyCooldown: false,
        recordSkips: true,
      });
      if (d.outcome !== 'duplicate') {
        await tx.automationEvent.create({
          data: {
            orgId: input.orgId,
            linkId: link.id,
            recordId: record.id,
            event: 'manual',
            decision: d.outcome === 'queued' ? 'fired' : 'skipped',
            reason: d.outcome === 'skipped' ? d.reason : null,
            sendLogId: d.sendLogId,
            detail: { by: input.userId, ...(d.outcome === 'skipped' ? skipDetail(d) : {}) },
            createdAt: now,
          },
        });
      }
      return d;
    });
    results.push({ recordId: record.id, ...decision });
  }
  return {
    queued: results.filter((r) => r.outcome === 'queued').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    results,
  };
}

/** A failed send is retried as a new SendLog (the failure stays in the history), linked by its dedupe key. */
export async function retryFailedSends(deps: AppDeps, input: { orgId: string; ids: string[] }) {
  const now = deps.now();
  const logs = await deps.db.alimtalkSendLog.findMany({ where: { id: { in: input.ids }, orgId: input.orgId } });
  const byId = new Map(logs.map((l) => [l.id, l]));
  const results: Array<{ id: string; outcome: 'queued' | 'not_found' | 'not_failed'; newSendLogId?: string }> = [];
  for (const id of input.ids) {
    const log = byId.get(id);
    if (!log) {
      results.push({ id, outcome: 'not_found' });
      continue;
    }
    if (log.status !== 'failed') {
      results.push({ id, outcome: 'not_failed' });
      continue;
    }
    const newId = await deps.db.$transaction(async (tx) => {
      const previous = await tx.alimtalkSendLog.count({ where: { dedupeKey: { startsWith: `retry:${log.id}:` } } });
      const row = await tx.alimtalkSendLog.create({
        data: {
          orgId: log.orgId,
          linkId: log.linkId,
          recordId: log.recordId,
          templateCode: log.templateCode,
          senderKey: log.senderKey,
          recipientNo: log.recipientNo,
          content: log.content,
          templateParameter: log.templateParameter ?? {},
          triggerType: log.triggerType,
          status: 'pending',
          dedupeKey: `retry:${log.id}:${previous + 1}`,
          resultMessage: `Retry of ${log.id}`,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      });
      await enqueueSend(tx, row.id);
      return row.id;
    });
    results.push({ id, outcome: 'queued', newSendLogId: newId });
  }
  const missing = results.filter((r) => r.outcome === 'not_found');
  if (missing.length === input.ids.length) throw notFound('Send log');
  return { queued: results.filter((r) => r.outcome === 'queued').length, results };
}
