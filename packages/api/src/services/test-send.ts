// A rule's test send (templateLinks.testSend): the rule's message to an admin's own number, rendered from one of
// the partition's records or from placeholder values, through the same checkSend as every send. Never held by the
// send window, never capped, no cooldown: a test is an explicit one-off.
import { randomUUID } from 'node:crypto';
import { checkSend, describePhoneProblem, describeRenderError, kstDay, normalizePhone, partitionFields, subjectParticle, type FieldDefinition, type RecordData } from '@alimflow/automation-core';
import type { AppDeps } from '../deps.ts';
import { invalid, notFound, precondition, NOUN, words } from '../errors.ts';
import { enqueueSend } from './jobs.ts';
import { loadLink, loadPartition, loadTemplate } from './link-store.ts';
import type { LinkActor } from './link-admin.ts';
import { storedMappings } from './links.ts';
import { TEMPLATE_STATUS_KO, TEMPLATE_STATUS_TEXT } from './template-summary.ts';

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

export async function queueTestSend(
  deps: Pick<AppDeps, 'db' | 'logger'>,
  actor: LinkActor,
  input: { linkId: string; phone: string; recordId?: string | null | undefined },
) {
  const scope = { db: deps.db, orgId: actor.orgId };
  const phone = normalizePhone(input.phone);
  if (!phone.ok) throw invalid(words(`${describePhoneProblem(phone.code, 'ko')}.`, `${phone.reason}.`));
  const link = await loadLink(scope, input.linkId);
  const [partition, template] = await Promise.all([loadPartition(scope, link.partitionId), loadTemplate(scope, link.templateId)]);
  const fields = partitionFields(partition.fields);

  let data: RecordData;
  if (input.recordId) {
    const record = await deps.db.record.findFirst({ where: { id: input.recordId, orgId: actor.orgId } });
    if (!record) throw notFound(NOUN.record);
    if (record.partitionId !== link.partitionId) throw invalid(words('이 레코드는 규칙과 다른 파티션에 있습니다.', 'The record belongs to another partition than the link.'));
    data = (record.data ?? {}) as RecordData;
  } else {
    data = placeholderData(fields, phone.value, actor.now);
  }
  // The admin's own number instead of the record's, and no cooldown.
  const check = checkSend({
    link: { recipientField: link.recipientField, variableMappings: storedMappings(link.variableMappings), cooldownHours: link.cooldownHours },
    template,
    record: data,
    fields,
    recipient: phone.value,
    now: actor.now,
  });
  if (check.action === 'skip' && check.skip.reason === 'template_not_approved') {
    throw precondition(
      words(
        `템플릿 "${template.name}"${subjectParticle(template.name)} ${TEMPLATE_STATUS_KO[template.status]} 상태(${template.status})입니다. NHN은 승인된 템플릿만 보냅니다. NHN이 승인한 뒤 템플릿을 동기화하세요.`,
        `Template "${template.name}" is ${TEMPLATE_STATUS_TEXT[template.status]} (${template.status}); NHN sends only approved templates. Sync templates after NHN approves it.`,
      ),
    );
  }
  if (check.action === 'skip') {
    // The number was checked above, so what is left is the message itself.
    const errors = check.rendered.ok ? [] : check.rendered.errors;
    const listed = (locale: 'ko' | 'en') => errors.map((e) => `${describeRenderError(e, locale)}.`).join(' ');
    throw invalid(words(`메시지를 만들 수 없습니다: ${listed('ko')}`, `The message cannot be rendered: ${listed('en')}`));
  }

  // The log and its send job commit together: a test either goes out through the worker or leaves no trace.
  const log = await deps.db.$transaction(async (tx) => {
    const row = await tx.alimtalkSendLog.create({
      data: {
        orgId: actor.orgId,
        linkId: link.id,
        recordId: input.recordId ?? null,
        templateCode: template.templateCode,
        senderKey: template.senderKey,
        recipientNo: phone.value,
        content: check.text,
        templateParameter: check.templateParameter,
        triggerType: 'test',
        status: 'pending',
        dedupeKey: `test:${randomUUID()}`,
      },
    });
    await enqueueSend(tx, row.id);
    return row;
  });
  deps.logger.info({ orgId: actor.orgId, linkId: link.id, sendLogId: log.id, userId: actor.userId }, 'test send queued');
  return { sendLogId: log.id, recipientNo: log.recipientNo, content: log.content, usedPlaceholders: !input.recordId };
}
