// One page of an enrolment run (services/enrolment.ts): the next records of the rule's partition (or, for a "retry
// the skipped" run, of the skips it retries), each matching one decided through decideSends like a live trigger,
// an AutomationEvent (kind `enrol`) per considered record saying what became of it, and the run's progress and
// tally, all in the caller's transaction.
import {
  addTallies,
  enrolmentDecision,
  evaluate,
  partitionFields,
  readTally,
  RETRYABLE_ENROLMENT_REASONS,
  tallyOutcomes,
  tallySent,
  tallySkipped,
  type Condition,
  type EnrolmentDecision,
  type EnrolmentError,
  type EnrolmentFinding,
  type FieldDefinition,
  type RecordData,
} from '@alimflow/automation-core';
import type { Prisma, RuleEnrolment } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { enqueueSendGroups, type Tx } from './jobs.ts';
import { linkCondition } from './links.ts';
import { decideSends, lockLinkRecords, pairKey, skipDetail, type DecideSendInput } from './send-decision.ts';

export type EnrolmentStatus = 'running' | 'done' | 'failed';

const json = (value: unknown) => value as Prisma.InputJsonValue;
type PageRecord = { id: string; data: unknown };

/** The condition as the records are now, like the preview's count: no "before", so change operators do not hold. */
export function matchesNow(condition: Condition | null, record: PageRecord, fields: readonly FieldDefinition[]) {
  return evaluate(condition, { before: null, after: (record.data ?? {}) as RecordData, fields });
}

/** `error`: a code the output words in the caller's language (core describeEnrolmentError). */
export async function finishRun(tx: Tx, id: string, now: Date, status: EnrolmentStatus, error: EnrolmentError | null) {
  await tx.ruleEnrolment.update({ where: { id }, data: { status, error, finishedAt: now, updatedAt: now } });
}

/** Decides the run's next page; false once the run is over (finished now, or by an earlier copy of the job). */
export async function enrolPage(deps: AppDeps, tx: Tx, enrolmentId: string, pageSize: number): Promise<boolean> {
  const now = deps.now();
  // The row lock makes two copies of the job take turns: the second sees the first's cursor and tally.
  const [run] = await tx.$queryRaw<RuleEnrolment[]>`SELECT * FROM "RuleEnrolment" WHERE id = ${enrolmentId}::uuid FOR UPDATE`;
  if (!run || run.status !== 'running') return false;
  const link = await tx.alimtalkTemplateLink.findFirst({ where: { id: run.linkId, orgId: run.orgId, deletedAt: null }, include: { template: true } });
  if (!link || !link.isActive) {
    await finishRun(tx, run.id, now, 'failed', 'rule_unavailable');
    return false;
  }
  const partition = await tx.partition.findFirstOrThrow({ where: { id: link.partitionId, orgId: run.orgId } });
  const fields = partitionFields(partition.fields);
  const { walked, records } = run.retryOfId
    ? await retryPage(tx, run.retryOfId, run.orgId, run.cursor, pageSize)
    : await partitionPage(tx, run.orgId, link.partitionId, run.cursor, pageSize);
  const condition = linkCondition(link);
  const checked = records.map((r) => ({ record: r, ...matchesNow(condition, r, fields) }));
  // A first run considers the records that match; a retry considers each record it retries, and says so when one
  // no longer matches.
  const considered = run.retryOfId ? checked : checked.filter((c) => c.matched);
  const matching = considered.filter((c) => c.matched);
  // Locked before the look-up, so a trigger deciding the same record meanwhile is seen, not raced.
  await lockLinkRecords(tx, matching.map((c) => pairKey(link.id, c.record.id)));
  const sentBefore = await alreadySentTo(tx, link.id, matching.map((c) => c.record.id));
  const toDecide = matching.filter((c) => !sentBefore.has(c.record.id));
  const inputs: DecideSendInput[] = toDecide.map(({ record }) => ({
    orgId: run.orgId,
    link,
    recordId: record.id,
    data: (record.data ?? {}) as RecordData,
    fields,
    triggerType: 'auto',
    // Per run: a later run (or a retry) may decide a record this run skipped; never-twice is alreadySentTo's.
    dedupeKey: `enrol:${run.id}:${record.id}`,
    now,
    applyCooldown: true,
    recordSkips: true,
    enrolmentId: run.id,
  }));
  const { decisions, queued } = await decideSends(tx, inputs);
  await enqueueSendGroups(tx, queued);
  const decisionOf = new Map(toDecide.map((c, i) => [c.record.id, decisions[i]!]));

  const base = { orgId: run.orgId, linkId: link.id, event: 'enrol', createdAt: now };
  const events: Prisma.AutomationEventCreateManyInput[] = [];
  const decided: EnrolmentDecision[] = [];
  for (const { record, matched, trace } of considered) {
    const send = decisionOf.get(record.id);
    const finding: EnrolmentFinding = !matched
      ? { matched: false }
      : !send
        ? { matched: true, alreadySent: true }
        : { matched: true, alreadySent: false, send: send.outcome === 'queued' ? { outcome: 'queued', held: !!send.waitUntil } : send };
    const decision = enrolmentDecision(finding);
    if (!decision) continue; // this run decided the record already (a page replayed); its event exists
    decided.push(decision);
    // The cooldown's or cap's end, or the window's opening the held send waits for.
    const until = send?.outcome === 'skipped' ? (send.until ?? null) : send?.outcome === 'queued' ? (send.waitUntil ?? null) : null;
    events.push({
      ...base,
      recordId: record.id,
      ...decision,
      sendLogId: send && send.outcome !== 'duplicate' ? send.sendLogId : null,
      detail: json({
        enrolmentId: run.id,
        trace,
        ...(send?.outcome === 'skipped' ? skipDetail(send) : {}),
        ...(until ? { until: until.toISOString() } : {}),
      }),
    });
  }
  if (events.length) await tx.automationEvent.createMany({ data: events });

  const page = tallyOutcomes(decided);
  await tx.ruleEnrolment.update({
    where: { id: run.id },
    data: {
      processed: { increment: walked.length },
      considered: { increment: events.length },
      sent: { increment: tallySent(page) },
      skipped: { increment: tallySkipped(page) },
      tally: json(addTallies(readTally(run.tally), page)),
      cursor: walked.at(-1) ?? run.cursor,
      error: null,
      updatedAt: now,
    },
  });
  if (walked.length < pageSize) {
    await finishRun(tx, run.id, now, 'done', null);
    return false;
  }
  return true;
}

/** The next records of the partition, keyset by id. */
async function partitionPage(tx: Tx, orgId: string, partitionId: string, cursor: string | null, pageSize: number) {
  const records = await tx.record.findMany({
    where: { orgId, partitionId, ...(cursor ? { id: { gt: cursor } } : {}) },
    orderBy: { id: 'asc' },
    take: pageSize,
    select: { id: true, data: true },
  });
  return { walked: records.map((r) => r.id), records };
}

/**
 * The next records the retried run skipped for a reason that ends by itself (cooldown, frequency cap), keyset by
 * record id. A record deleted since is walked but not considered.
 */
async function retryPage(tx: Tx, retryOfId: string, orgId: string, cursor: string | null, pageSize: number) {
  const rows = await tx.$queryRaw<{ recordId: string }[]>`
    SELECT DISTINCT "recordId"::text AS "recordId", "recordId" AS sort FROM "AlimtalkSendLog"
     WHERE "enrolmentId" = ${retryOfId}::uuid AND status = 'skipped' AND reason = ANY(${RETRYABLE_ENROLMENT_REASONS}::text[])
       AND (${cursor}::uuid IS NULL OR "recordId" > ${cursor}::uuid)
     ORDER BY sort LIMIT ${pageSize}`;
  const walked = rows.map((r) => r.recordId);
  const found = walked.length ? await tx.record.findMany({ where: { orgId, id: { in: walked } }, select: { id: true, data: true } }) : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return { walked, records: walked.flatMap((id) => byId.get(id) ?? []) };
}

/** Records this rule has already messaged (any send that was not skipped): enrolment never sends to them again. */
async function alreadySentTo(tx: Tx, linkId: string, recordIds: string[]): Promise<Set<string>> {
  if (!recordIds.length) return new Set();
  const rows = await tx.$queryRaw<{ recordId: string }[]>`
    SELECT DISTINCT "recordId"::text AS "recordId" FROM "AlimtalkSendLog"
     WHERE "linkId" = ${linkId}::uuid AND "recordId" = ANY(${recordIds}::uuid[]) AND status <> 'skipped'`;
  return new Set(rows.map((r) => r.recordId));
}
