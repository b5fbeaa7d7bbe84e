// Turning "this link fired for this record" into a send or an explained skip, inside the caller's transaction.
// Shared by automatic triggers, repeat sweeps and manual sends so the checks can never drift apart.
import { checkSend, type FieldDefinition, type RecordData, type SendSkip, type SkipDetail } from '@alimflow/automation-core';
import type { SendTriggerType } from '@alimflow/db';
import { enqueueSend, type Tx } from './jobs.ts';
import { variableMappings, type LinkWithTemplate } from './links.ts';

export type SkipReason = SendSkip['reason'];

export type SendDecision =
  | { outcome: 'queued'; sendLogId: string }
  | { outcome: 'skipped'; reason: SkipReason; message: string; detail: SkipDetail; sendLogId: string | null; until?: Date }
  | { outcome: 'duplicate'; sendLogId: string };

export interface DecideSendInput {
  orgId: string;
  link: LinkWithTemplate;
  recordId: string;
  data: RecordData;
  fields: readonly FieldDefinition[];
  triggerType: SendTriggerType;
  /** Unique per (link, record, occurrence): the same occurrence can never produce a second row. */
  dedupeKey: string;
  now: Date;
  /** Manual sends are an admin's explicit choice; FR-10's cooldown guards automatic ones only. */
  applyCooldown: boolean;
  /** Write a `skipped` SendLog row for skips (the send-log explorer shows them); repeats reschedule instead. */
  recordSkips: boolean;
}

/** Serialises decisions for one (link, record) across workers, so two events cannot both pass the cooldown. */
async function lockLinkRecord(tx: Tx, linkId: string, recordId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${linkId}:${recordId}`}, 0))`;
}

export async function lastCountedSendAt(tx: Tx, linkId: string, recordId: string): Promise<Date | null> {
  const last = await tx.alimtalkSendLog.findFirst({
    where: { linkId, recordId, triggerType: { in: ['auto', 'repeat'] }, status: { in: ['pending', 'accepted', 'delivered'] } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  return last?.createdAt ?? null;
}

export async function decideSend(tx: Tx, input: DecideSendInput): Promise<SendDecision> {
  const { link, orgId, recordId, now } = input;
  await lockLinkRecord(tx, link.id, recordId);
  const existing = await tx.alimtalkSendLog.findUnique({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
  if (existing) return { outcome: 'duplicate', sendLogId: existing.id };

  const check = checkSend({
    link: { recipientField: link.recipientField, variableMappings: variableMappings(link), cooldownHours: link.cooldownHours },
    template: link.template,
    record: input.data,
    fields: input.fields,
    ...(input.applyCooldown ? { lastSentAt: await lastCountedSendAt(tx, link.id, recordId) } : {}),
    now,
  });
  const rendered = check.rendered;
  const rawPhone = check.rawRecipient;
  const base = {
    orgId,
    linkId: link.id,
    recordId,
    templateCode: link.template.templateCode,
    senderKey: link.template.senderKey,
    recipientNo: check.phone.ok ? check.phone.value : typeof rawPhone === 'string' ? rawPhone.slice(0, 32) : '',
    content: rendered.ok ? rendered.text : link.template.content,
    templateParameter: rendered.ok ? rendered.templateParameter : {},
    triggerType: input.triggerType,
    dedupeKey: input.dedupeKey,
    createdAt: now,
    updatedAt: now,
  };

  if (check.action === 'skip') {
    const skip = { reason: check.skip.reason, message: check.skip.message, detail: check.skip.detail, ...(check.skip.detail.until ? { until: check.skip.detail.until } : {}) };
    if (!input.recordSkips) return { outcome: 'skipped', ...skip, sendLogId: null };
    const row = await tx.alimtalkSendLog.create({
      data: { ...base, status: 'skipped', reason: skip.reason, resultMessage: skip.message },
      select: { id: true },
    });
    return { outcome: 'skipped', ...skip, sendLogId: row.id };
  }
  const row = await tx.alimtalkSendLog.create({ data: { ...base, status: 'pending' }, select: { id: true } });
  await enqueueSend(tx, row.id);
  return { outcome: 'queued', sendLogId: row.id };
}

/**
 * A skip as stored on its AutomationEvent: the English message, and the variable and limit the SPA words it from
 * ("#{이름}이 1,301자라 NHN 한도(1,300자)를 넘어 건너뜀"). The cooldown's end is the caller's to store.
 */
export function skipDetail(decision: Extract<SendDecision, { outcome: 'skipped' }>) {
  const { until: _until, ...rest } = decision.detail;
  return { message: decision.message, ...rest };
}
