import { randomUUID } from 'node:crypto';
import { checkSend, kstDay, normalizePhone, type FieldDefinition, type RecordData } from '@alimflow/automation-core';
import { enqueueSend } from '../../services/jobs.ts';
import type { OrgContext } from '../../trpc.ts';
import { partitionFields } from '../lib/fields.ts';
import { badRequest, notFound, precondition } from '../lib/procedures.ts';
import { TEMPLATE_STATUS_TEXT } from '../../services/template-summary.ts';
import type { TTestSendInputSchema } from './test-send.schema.ts';
import { storedMappings } from '../../services/links.ts';
import { loadLink, loadPartition, loadTemplate } from '../../services/link-store.ts';

/** Values that read as placeholders in the received message, so nobody mistakes a test for a real one. */
function placeholderData(fields: readonly FieldDefinition[], phone: string, now: Date): RecordData {
  const sample = (f: FieldDefinition): unknown => {
    switch (f.type) {
      case 'phone':
        return phone;
      case 'number':
        return 123;
      case 'date':
        return kstDay(now.getTime());
      case 'select':
        return f.options?.[0] ?? `[${f.label}]`;
      default:
        return `[${f.label}]`;
    }
  };
  return Object.fromEntries(fields.map((f) => [f.key, sample(f)]));
}

export async function testSendHandler({ ctx, input }: { ctx: OrgContext; input: TTestSendInputSchema }) {
  const phone = normalizePhone(input.phone);
  if (!phone.ok) throw badRequest(`${phone.reason}.`);
  const link = await loadLink(ctx, input.linkId);
  const [partition, template] = await Promise.all([loadPartition(ctx, link.partitionId), loadTemplate(ctx, link.templateId)]);
  const fields = partitionFields(partition.fields);

  let data: RecordData;
  if (input.recordId) {
    const record = await ctx.db.record.findFirst({ where: { id: input.recordId, orgId: ctx.orgId } });
    if (!record) throw notFound('Record');
    if (record.partitionId !== link.partitionId) throw badRequest('The record belongs to another partition than the link.');
    data = (record.data ?? {}) as RecordData;
  } else {
    data = placeholderData(fields, phone.value, ctx.now());
  }
  // The admin's own number instead of the record's, and no cooldown: a test is an explicit one-off.
  const check = checkSend({
    link: { recipientField: link.recipientField, variableMappings: storedMappings(link.variableMappings), cooldownHours: link.cooldownHours },
    template,
    record: data,
    fields,
    recipient: phone.value,
    now: ctx.now(),
  });
  if (check.action === 'skip' && check.skip.reason === 'template_not_approved') {
    throw precondition(
      `Template "${template.name}" is ${TEMPLATE_STATUS_TEXT[template.status]} (${template.status}); NHN sends only approved templates. Sync templates after NHN approves it.`,
    );
  }
  if (check.action === 'skip') {
    // The number was checked above, so what is left is the message itself.
    const errors = check.rendered.ok ? [] : check.rendered.errors;
    throw badRequest(`The message cannot be rendered: ${errors.map((e) => `${e.message}.`).join(' ')}`);
  }
  const rendered = check;

  // The log and its send job commit together: a test either goes out through the worker or leaves no trace.
  const log = await ctx.db.$transaction(async (tx) => {
    const row = await tx.alimtalkSendLog.create({
      data: {
        orgId: ctx.orgId,
        linkId: link.id,
        recordId: input.recordId ?? null,
        templateCode: template.templateCode,
        senderKey: template.senderKey,
        recipientNo: phone.value,
        content: rendered.text,
        templateParameter: rendered.templateParameter,
        triggerType: 'test',
        status: 'pending',
        dedupeKey: `test:${randomUUID()}`,
      },
    });
    await enqueueSend(tx, row.id);
    return row;
  });
  ctx.logger.info({ orgId: ctx.orgId, linkId: link.id, sendLogId: log.id, userId: ctx.auth.user.id }, 'test send queued');
  return { sendLogId: log.id, recipientNo: log.recipientNo, content: log.content, usedPlaceholders: !input.recordId };
}
