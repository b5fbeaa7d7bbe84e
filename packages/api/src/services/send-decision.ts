// Turning "this link fired for this record" into a send or an explained skip, inside the caller's transaction.
// Shared by automatic triggers, repeat sweeps and manual sends so the checks can never drift apart. The batch form
// (decideSends) is the one implementation: a statement per step for the whole batch, not per decision.
import { randomUUID } from 'node:crypto';
import { checkSend, type FieldDefinition, type RecordData, type SendSkip, type SkipDetail } from '@alimflow/automation-core';
import { insertSendLogs, type SendLogInsert } from './bulk-insert.ts';
import { advisoryLocks, applyDeliveryControls, deliveryControls } from './delivery-controls.ts';
import { Prisma, type AlimtalkSendLog, type SendTriggerType } from '@alimflow/db';
import { enqueueSend, enqueueSendAt, type RawTx } from './jobs.ts';
import { variableMappings, type LinkWithTemplate } from './links.ts';

export type SkipReason = SendSkip['reason'];

export type SendDecision =
  /** `waitUntil`: held by the send window; its send job runs at the opening (reason 'send_window' on the row). */
  | { outcome: 'queued'; sendLogId: string; waitUntil?: Date }
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
  /** Set when the send enrols a record that already matched (RuleEnrolment); marks its SendLog. */
  enrolmentId?: string;
}

/** A pending row written by decideSends: what the caller needs to enqueue its send. */
export interface QueuedSend {
  id: string;
  orgId: string;
  templateCode: string;
  senderKey: string | null;
  /** Set when the send window holds it: the send job for it runs then, not now. */
  notBefore?: Date;
  /** The row as stored. */
  row: AlimtalkSendLog;
}

export const pairKey = (linkId: string, recordId: string) => `${linkId}:${recordId}`;

/**
 * Serialises decisions for each (link, record) across workers, so two events cannot both pass the cooldown. Locks
 * are taken in hash order in one statement, so two batches sharing pairs cannot deadlock each other.
 */
export function lockLinkRecords(tx: RawTx, keys: string[]) {
  return advisoryLocks(tx, keys);
}

export async function lastCountedSendAt(tx: RawTx, linkId: string, recordId: string): Promise<Date | null> {
  return (await lastCountedSends(tx, [{ linkId, recordId }])).get(pairKey(linkId, recordId)) ?? null;
}

/**
 * The newest send that counts for the cooldown, per (link, record) pair, as a subquery yielding (linkId, recordId,
 * createdAt): one index probe per pair (linkId, recordId, createdAt DESC) whatever the planner thinks of the
 * table. Written as a join instead, a freshly grown log with stale statistics got a nested loop over every counted
 * send (measured: 50 ms for 50 pairs at 3,000 rows, growing with the log; the largest Postgres cost per record).
 */
function lastCountedSendsSql(pairs: { linkId: string; recordId: string }[]) {
  return Prisma.sql`
    SELECT p.link_id::text AS "linkId", p.record_id::text AS "recordId", last."createdAt"
      FROM (SELECT DISTINCT link_id, record_id FROM unnest(${pairs.map((p) => p.linkId)}::uuid[], ${pairs.map((p) => p.recordId)}::uuid[]) AS u(link_id, record_id)) AS p
     CROSS JOIN LATERAL (
       SELECT l."createdAt" FROM "AlimtalkSendLog" l
        WHERE l."linkId" = p.link_id AND l."recordId" = p.record_id
          AND l."triggerType" IN ('auto', 'repeat') AND l.status IN ('pending', 'accepted', 'delivered')
        ORDER BY l."createdAt" DESC LIMIT 1) AS last`;
}

/** The newest send that counts for the cooldown, per (link, record) pair: one query for all pairs. */
export async function lastCountedSends(tx: RawTx, pairs: { linkId: string; recordId: string }[]): Promise<Map<string, Date>> {
  if (!pairs.length) return new Map();
  const rows = await tx.$queryRaw<{ linkId: string; recordId: string; createdAt: Date }[]>(lastCountedSendsSql(pairs));
  return new Map(rows.map((r) => [pairKey(r.linkId, r.recordId), r.createdAt]));
}

export type SendAssessmentInput = Omit<DecideSendInput, 'dedupeKey' | 'recordSkips' | 'orgId' | 'triggerType'>;

function check(input: SendAssessmentInput, lastSentAt: Date | null | undefined) {
  const { link, now } = input;
  return checkSend({
    link: { recipientField: link.recipientField, variableMappings: variableMappings(link), cooldownHours: link.cooldownHours },
    template: link.template,
    record: input.data,
    fields: input.fields,
    ...(lastSentAt !== undefined ? { lastSentAt } : {}),
    now,
  });
}

/**
 * Would this send go out, and what would it say? Reads only (the cooldown looks at the log), so a preview asks
 * exactly the question decideSend answers before it writes.
 */
export async function assessSend(tx: RawTx, input: SendAssessmentInput) {
  return check(input, input.applyCooldown ? await lastCountedSendAt(tx, input.link.id, input.recordId) : undefined);
}

/** One occurrence; its send job is keyed by the row (manual sends, repeats). */
export async function decideSend(tx: RawTx, input: DecideSendInput): Promise<SendDecision> {
  const { decisions, queued } = await decideSends(tx, [input]);
  for (const row of queued) await (row.notBefore ? enqueueSendAt(tx, row.id, row.notBefore) : enqueueSend(tx, row.id));
  return decisions[0]!;
}

/**
 * Decisions for many occurrences in one transaction, in input order: a later occurrence of the same (link, record)
 * sees the earlier one's send for its cooldown, exactly as if they had been decided one by one. The caller enqueues
 * the returned pending rows' sends (one job per template for a batch).
 */
export async function decideSends(
  tx: RawTx,
  inputs: DecideSendInput[],
): Promise<{ decisions: SendDecision[]; queued: QueuedSend[]; providerVersions: Map<string, string> }> {
  if (!inputs.length) return { decisions: [], queued: [], providerVersions: new Map() };
  await lockLinkRecords(tx, inputs.map((i) => pairKey(i.link.id, i.recordId)));
  const { done, lastSent } = await decidedAndLastSent(tx, inputs);
  // After the link/record locks, always in this order: the cap's (org, number) locks, so no cycle can form.
  const controls = await deliveryControls(tx, inputs.filter((i) => !done.has(i.dedupeKey)));

  const decisions: SendDecision[] = [];
  const rows: SendLogInsert[] = [];
  const queued: Omit<QueuedSend, 'row'>[] = [];
  for (const input of inputs) {
    const seen = done.get(input.dedupeKey);
    if (seen) {
      decisions.push({ outcome: 'duplicate', sendLogId: seen });
      continue;
    }
    const key = pairKey(input.link.id, input.recordId);
    const { check: result, wait } = applyDeliveryControls(controls, input, check(input, input.applyCooldown ? (lastSent.get(key) ?? null) : undefined));
    const id = randomUUID();
    done.set(input.dedupeKey, id);
    const base = sendLogRow(id, input, result);
    if (result.action === 'skip') {
      const s = result.skip;
      const skip = { reason: s.reason, message: s.message, detail: s.detail, ...(s.detail.until ? { until: s.detail.until } : {}) };
      if (input.recordSkips) rows.push({ ...base, status: 'skipped', reason: skip.reason, resultMessage: skip.message });
      decisions.push({ outcome: 'skipped', ...skip, sendLogId: input.recordSkips ? id : null });
      continue;
    }
    rows.push({ ...base, status: 'pending', ...(wait ? { notBefore: wait.until, reason: 'send_window', resultMessage: wait.message } : {}) });
    if (input.triggerType === 'auto' || input.triggerType === 'repeat') lastSent.set(key, input.now);
    controls.counted(input, result.recipientNo);
    const group = { id, orgId: input.orgId, templateCode: base.templateCode, senderKey: base.senderKey ?? null };
    queued.push(wait ? { ...group, notBefore: wait.until } : group);
    decisions.push(wait ? { outcome: 'queued', sendLogId: id, waitUntil: wait.until } : { outcome: 'queued', sendLogId: id });
  }
  // The stored rows come back with the insert (same statement): a send right after the evaluation needs them whole.
  const stored = new Map<string, AlimtalkSendLog>((await insertSendLogs(tx, rows)).map((r) => [r.id, r]));
  return { decisions, queued: queued.map((q) => ({ ...q, row: stored.get(q.id)! })), providerVersions: controls.providerVersions };
}

/**
 * After the (link, record) locks, one statement: the occurrences decided already (dedupe key → SendLog id) and the
 * newest counted send of each cooled pair (lastCountedSends' question, asked for every cooled input: an input
 * decided already never reads it).
 */
async function decidedAndLastSent(tx: RawTx, inputs: DecideSendInput[]) {
  const cooled = inputs.filter((i) => i.applyCooldown);
  const rows = await tx.$queryRaw<{ dedupeKey: string | null; id: string | null; linkId: string | null; recordId: string | null; createdAt: Date | null }[]>`
    SELECT "dedupeKey", id::text AS id, NULL::text AS "linkId", NULL::text AS "recordId", NULL::timestamptz AS "createdAt"
      FROM "AlimtalkSendLog" WHERE "dedupeKey" = ANY(${inputs.map((i) => i.dedupeKey)}::text[])
    UNION ALL
    SELECT NULL::text, NULL::text, last.* FROM (${lastCountedSendsSql(cooled.map((i) => ({ linkId: i.link.id, recordId: i.recordId })))}) AS last`;
  const done = new Map<string, string>();
  const lastSent = new Map<string, Date>();
  for (const r of rows) {
    if (r.dedupeKey !== null) done.set(r.dedupeKey, r.id!);
    else lastSent.set(pairKey(r.linkId!, r.recordId!), r.createdAt!);
  }
  return { done, lastSent };
}

function sendLogRow(id: string, input: DecideSendInput, result: ReturnType<typeof check>) {
  const { link, now } = input;
  const rendered = result.rendered;
  const rawPhone = result.rawRecipient;
  return {
    id,
    orgId: input.orgId,
    linkId: link.id,
    recordId: input.recordId,
    templateCode: link.template.templateCode,
    senderKey: link.template.senderKey,
    recipientNo: result.phone.ok ? result.phone.value : typeof rawPhone === 'string' ? rawPhone.slice(0, 32) : '',
    content: rendered.ok ? rendered.text : link.template.content,
    templateParameter: rendered.ok ? rendered.templateParameter : {},
    triggerType: input.triggerType,
    dedupeKey: input.dedupeKey,
    ...(input.enrolmentId ? { enrolmentId: input.enrolmentId } : {}),
    createdAt: now,
    updatedAt: now,
  } satisfies Omit<SendLogInsert, 'status'>;
}

/**
 * A skip as stored on its AutomationEvent: the English message, and the variable and limit the SPA words it from
 * ("#{이름}이 1,301자라 NHN 한도(1,300자)를 넘어 건너뜀"). The cooldown's end is the caller's to store.
 */
export function skipDetail(decision: Extract<SendDecision, { outcome: 'skipped' }>) {
  const { until: _until, ...rest } = decision.detail;
  return { message: decision.message, ...rest };
}
