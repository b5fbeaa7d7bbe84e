// Turning "this link fired for this record" into a send or an explained skip, inside the caller's transaction.
// Shared by automatic triggers, repeat sweeps and manual sends so the checks can never drift apart.
import { checkCooldown, normalizePhone, renderTemplate, type FieldDefinition, type RecordData } from '@alimflow/automation-core';
import type { SendTriggerType } from '@alimflow/db';
import { enqueueSend, type Tx } from './jobs.ts';
import { variableMappings, type LinkWithTemplate } from './links.ts';

export type SkipReason = 'template_not_approved' | 'invalid_phone' | 'render_failed' | 'cooldown';

export type SendDecision =
  | { outcome: 'queued'; sendLogId: string }
  | { outcome: 'skipped'; reason: SkipReason; message: string; sendLogId: string | null; until?: Date }
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

  const rawPhone = input.data[link.recipientField];
  const phone = normalizePhone(rawPhone);
  const rendered = renderTemplate({
    content: link.template.content,
    variableMappings: variableMappings(link),
    data: input.data,
    fields: input.fields,
  });

  let skip: { reason: SkipReason; message: string; until?: Date } | null = null;
  if (link.template.status !== 'TSC03') {
    skip = { reason: 'template_not_approved', message: `Template ${link.template.templateCode} is not approved (status ${link.template.status}).` };
  } else if (!phone.ok) {
    skip = { reason: 'invalid_phone', message: `Recipient field "${link.recipientField}": ${phone.reason}.` };
  } else if (!rendered.ok) {
    skip = { reason: 'render_failed', message: rendered.errors.map((e) => e.message).join('; ') };
  } else if (input.applyCooldown) {
    const decision = checkCooldown({ lastSentAt: await lastCountedSendAt(tx, link.id, recordId), cooldownHours: link.cooldownHours, now });
    if (!decision.allowed) {
      skip = {
        reason: 'cooldown',
        message: `Sent within the last ${link.cooldownHours} h; next send allowed after ${decision.until.toISOString()}.`,
        until: decision.until,
      };
    }
  }

  const base = {
    orgId,
    linkId: link.id,
    recordId,
    templateCode: link.template.templateCode,
    senderKey: link.template.senderKey,
    recipientNo: phone.ok ? phone.value : typeof rawPhone === 'string' ? rawPhone.slice(0, 32) : '',
    content: rendered.ok ? rendered.text : link.template.content,
    templateParameter: rendered.ok ? rendered.templateParameter : {},
    triggerType: input.triggerType,
    dedupeKey: input.dedupeKey,
    createdAt: now,
    updatedAt: now,
  };

  if (skip) {
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
