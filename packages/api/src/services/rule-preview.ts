// The rule builder's preview: a saved link, a draft, or a saved link with edits, checked against the partition's
// newest records as they are now — how many match, what a send to them would do now (checkSend, then the org's
// delivery controls: send window, frequency cap, and the rule's cooldown for a saved rule), one rendered sample,
// and what saving would refuse. Reads only: nothing is locked, written or sent.
import {
  describePhoneProblem,
  describeRenderError,
  CHANGE_OPERATORS,
  checkSend,
  describeCondition,
  describeWindowWait,
  evaluate,
  isRenderSkipReason,
  partitionFields,
  type Condition,
  type RecordData,
  type SendCheck,
  type SendTriggerType,
} from '@alimflow/automation-core';
import type { Language } from '../security/language.ts';
import { applyDeliveryControls, deliveryControls, ruleWindowOf, type ControlledCheck } from './delivery-controls.ts';
import { loadLink, loadPartition, loadTemplate, type Scope } from './link-store.ts';
import { draftFromRow, linkProblems, linkWarnings, type LinkDraft } from './links.ts';
import { lastCountedSends, pairKey } from './send-decision.ts';

/** Records scanned per preview: the partition's newest ones. Enough to judge a rule, cheap enough per keystroke. */
export const PREVIEW_RECORD_CAP = 5000;

export type PreviewRequest = Partial<LinkDraft> & { linkId?: string | undefined };

function usesChangeOperators(condition: Condition | null): boolean {
  if (!condition) return false;
  if ('all' in condition) return condition.all.some(usesChangeOperators);
  if ('any' in condition) return condition.any.some(usesChangeOperators);
  return CHANGE_OPERATORS.includes(condition.operator);
}

function recipientOf(check: SendCheck, language: Language) {
  const { rawRecipient: value, phone } = check;
  return {
    value: typeof value === 'string' ? value : value == null ? null : JSON.stringify(value),
    normalized: phone.ok ? phone.value : null,
    problem: phone.ok ? null : describePhoneProblem(phone.code, language),
  };
}

/** What the delivery controls would do with one matching record now; null when the record cannot be sent to at all. */
function deliveryOf({ check, wait }: ControlledCheck, now: Date, language: Language) {
  if (wait) return { action: 'wait' as const, reason: 'send_window' as const, until: wait.until.toISOString(), message: describeWindowWait(wait.until, now, language) };
  if (check.action === 'send') return { action: 'send' as const, reason: null, until: null, message: null };
  const { reason, message, detail } = check.skip;
  if (reason !== 'frequency_cap' && reason !== 'cooldown') return null;
  return { action: 'skip' as const, reason, until: detail.until?.toISOString() ?? null, message };
}

async function resolveDraft(scope: Scope, input: PreviewRequest) {
  const { linkId, ...given } = input;
  const row = linkId ? await loadLink(scope, linkId) : null;
  const saved = row ? { ...draftFromRow(row), sendWindow: ruleWindowOf(row) } : null;
  const edits = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<LinkDraft>;
  const partition = await loadPartition(scope, edits.partitionId ?? saved!.partitionId);
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
  return { linkId: row?.id ?? null, partition, draft, template: await loadTemplate(scope, draft.templateId) };
}

export async function previewRule(scope: Scope & { now: Date; language: Language }, input: PreviewRequest) {
  const { linkId, partition, draft, template } = await resolveDraft(scope, input);
  const fields = partitionFields(partition.fields);
  const where = { orgId: scope.orgId, partitionId: partition.id };
  const [totalRecords, records] = await Promise.all([
    scope.db.record.count({ where }),
    scope.db.record.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: PREVIEW_RECORD_CAP, select: { id: true, data: true } }),
  ]);
  const now = scope.now;
  // As the records are now: no "before", so change operators do not hold.
  const matched = records
    .map((r) => ({ id: r.id, data: (r.data ?? {}) as RecordData }))
    .filter((r) => evaluate(draft.triggerCondition, { before: null, after: r.data, fields }).matched);

  // An automatic rule's send is 'auto' (held by the window, counted by the cap); a manual rule's is neither.
  const triggerType: SendTriggerType = draft.triggerType === 'manual' ? 'manual' : 'auto';
  const link = { recipientField: draft.recipientField, sendWindow: draft.sendWindow ?? null };
  const controlled = matched.map((r) => ({ orgId: scope.orgId, link, data: r.data, triggerType, now }));
  const [controls, lastSent] = await Promise.all([
    deliveryControls(scope.db, controlled, { lock: false }),
    // Only a saved automatic rule has sends of its own for the cooldown to look at.
    linkId && triggerType === 'auto' ? lastCountedSends(scope.db, matched.map((r) => ({ linkId, recordId: r.id }))) : null,
  ]);

  let invalidPhone = 0;
  let renderFailed = 0;
  const delivery = { sendNow: 0, heldByWindow: 0, frequencyCapped: 0, cooldown: 0, until: null as string | null, message: null as string | null };
  let sample = null;
  for (const [i, record] of matched.entries()) {
    const checked = checkSend({
      link: draft,
      template,
      record: record.data,
      fields,
      ...(lastSent ? { lastSentAt: lastSent.get(pairKey(linkId!, record.id)) ?? null } : {}),
      now,
    });
    // Counted per problem, so one record can be in both counts.
    const reasons = checked.action === 'skip' ? checked.problems.map((p) => p.reason) : [];
    if (reasons.includes('invalid_phone')) invalidPhone++;
    if (reasons.some(isRenderSkipReason)) renderFailed++;
    const outcome = deliveryOf(applyDeliveryControls(controls, controlled[i]!, checked), now, scope.language);
    if (outcome?.action === 'send') delivery.sendNow++;
    if (outcome?.action === 'wait') {
      // The window is the org's (or the rule's), so every held record waits for the same opening.
      delivery.heldByWindow++;
      delivery.until = outcome.until;
      delivery.message = outcome.message;
    }
    if (outcome?.reason === 'frequency_cap') delivery.frequencyCapped++;
    if (outcome?.reason === 'cooldown') delivery.cooldown++;
    const rendered = checked.rendered;
    sample ??= {
      recordId: record.id,
      recipient: recipientOf(checked, scope.language),
      ok: rendered.ok,
      text: rendered.ok ? rendered.text : null,
      templateParameter: rendered.ok ? rendered.templateParameter : null,
      errors: rendered.ok ? [] : rendered.errors.map((e) => describeRenderError(e, scope.language)),
      /** What a send to this record would do now: send, wait for the window, or skip (cap, cooldown). */
      delivery: outcome,
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
    conditionText: describeCondition(draft.triggerCondition, fields, scope.language),
    totalRecords,
    scanned: records.length,
    capped,
    cap: PREVIEW_RECORD_CAP,
    matching: matched.length,
    /** Matching records a send would skip. */
    wouldSkip: { invalidPhone, renderFailed },
    /**
     * Matching records that could be sent to, by what the delivery controls would do now: go out, wait for the
     * send window's opening (`until`, and `message` in the caller's language), or be skipped by the frequency cap or
     * the rule's cooldown.
     */
    delivery,
    sample,
    problems: linkProblems(draft, fields, template, scope.language),
    warnings: linkWarnings(template, scope.language),
    notes,
  };
}
