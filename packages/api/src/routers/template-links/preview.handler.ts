import {
  CHANGE_OPERATORS,
  checkSend,
  describeCondition,
  evaluate,
  isRenderSkipReason,
  type Condition,
  type FieldDefinition,
  type RecordData,
  type SendCheck,
} from '@alimflow/automation-core';
import type { OrgContext } from '../../trpc.ts';
import { partitionFields } from '../lib/fields.ts';
import { PREVIEW_RECORD_CAP, type TPreviewInputSchema } from './preview.schema.ts';
import { draftFromRow, linkProblems, linkWarnings, type LinkDraft } from '../../services/links.ts';
import { loadLink, loadPartition, loadTemplate } from '../../services/link-store.ts';

function usesChangeOperators(condition: Condition | null): boolean {
  if (!condition) return false;
  if ('all' in condition) return condition.all.some(usesChangeOperators);
  if ('any' in condition) return condition.any.some(usesChangeOperators);
  return CHANGE_OPERATORS.includes(condition.operator);
}

function recipientOf(check: SendCheck) {
  const { rawRecipient: value, phone } = check;
  return {
    value: typeof value === 'string' ? value : value == null ? null : JSON.stringify(value),
    normalized: phone.ok ? phone.value : null,
    problem: phone.ok ? null : phone.reason,
  };
}

export async function previewHandler({ ctx, input }: { ctx: OrgContext; input: TPreviewInputSchema }) {
  const { linkId, ...given } = input;
  const saved = linkId ? draftFromRow(await loadLink(ctx, linkId)) : null;
  const edits = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<LinkDraft>;
  const partition = await loadPartition(ctx, edits.partitionId ?? saved!.partitionId);
  const draft: LinkDraft = {
    name: '',
    recipientField: partition.phoneField ?? '',
    variableMappings: {},
    triggerType: 'manual',
    triggerCondition: null,
    fireOn: 'became_true',
    repeatConfig: null,
    cooldownHours: 1,
    isActive: true,
    ...saved,
    ...edits,
    partitionId: partition.id,
    templateId: edits.templateId ?? saved!.templateId,
  };
  const template = await loadTemplate(ctx, draft.templateId);
  const fields: FieldDefinition[] = partitionFields(partition.fields);

  const [totalRecords, records] = await Promise.all([
    ctx.db.record.count({ where: { orgId: ctx.orgId, partitionId: partition.id } }),
    ctx.db.record.findMany({
      where: { orgId: ctx.orgId, partitionId: partition.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: PREVIEW_RECORD_CAP,
      select: { id: true, data: true },
    }),
  ]);

  let matching = 0;
  let invalidPhone = 0;
  let renderFailed = 0;
  let sample = null;
  const now = ctx.now();
  for (const record of records) {
    const data = (record.data ?? {}) as RecordData;
    // As the records are now: no "before", so change operators do not hold.
    if (!evaluate(draft.triggerCondition, { before: null, after: data, fields }).matched) continue;
    matching++;
    // No cooldown: it is about when, not whether. Counted per problem, so one record can be in both counts.
    const check = checkSend({ link: draft, template, record: data, fields, now });
    const reasons = check.action === 'skip' ? check.problems.map((p) => p.reason) : [];
    if (reasons.includes('invalid_phone')) invalidPhone++;
    if (reasons.some(isRenderSkipReason)) renderFailed++;
    const rendered = check.rendered;
    sample ??= {
      recordId: record.id,
      recipient: recipientOf(check),
      ok: rendered.ok,
      text: rendered.ok ? rendered.text : null,
      templateParameter: rendered.ok ? rendered.templateParameter : null,
      errors: rendered.ok ? [] : rendered.errors.map((e) => e.message),
    };
  }

  const capped = totalRecords > records.length;
  const notes: string[] = [];
  if (capped) notes.push(`Only the newest ${PREVIEW_RECORD_CAP.toLocaleString('en-US')} of ${totalRecords.toLocaleString('en-US')} records were checked.`);
  if (draft.triggerType === 'on_update') {
    notes.push('An on_update link sends when an update makes a record match; records that match already are counted here but are not sent to until they change.');
  }
  if (usesChangeOperators(draft.triggerCondition)) {
    notes.push('Change operators (changed, changed_to, changed_from) hold only during an update, so they count as false here.');
  }

  return {
    partitionId: partition.id,
    templateId: template.id,
    triggerType: draft.triggerType,
    conditionText: describeCondition(draft.triggerCondition, fields, 'ko'),
    totalRecords,
    scanned: records.length,
    capped,
    cap: PREVIEW_RECORD_CAP,
    matching,
    /** Matching records a send would skip. */
    wouldSkip: { invalidPhone, renderFailed },
    sample,
    problems: linkProblems(draft, fields, template),
    warnings: linkWarnings(template),
    notes,
  };
}
