// Enrolment: "send to the records that already match" when a rule is created or switched on. A background job walks
// the rule's partition in pages (keyset by record id) and decides each matching record through decideSends, so the
// same checks as a live trigger apply (cooldown, and the org's caps and windows). Each page commits together with
// its progress and cursor, so a crashed run resumes after the last committed page, and the dedupe key per
// (rule, record, 'enrol') makes a retried page a no-op instead of a second send.
import { evaluate, partitionFields, type RecordData } from '@alimflow/automation-core';
import type { RuleEnrolment } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { precondition } from '../errors.ts';
import { addJob, enqueueSendGroups, TASKS, type Tx } from './jobs.ts';
import type { LinkActor } from './link-admin.ts';
import { loadLink, type Scope } from './link-store.ts';
import { linkCondition } from './links.ts';
import { decideSends, lockLinkRecords, pairKey, type DecideSendInput } from './send-decision.ts';

/** Records per transaction: a page's locks and sends commit together, so it stays short on a busy worker. */
export const ENROL_PAGE = 200;
const PAGE_TX = { maxWait: 10_000, timeout: 60_000 };

export type EnrolmentStatus = 'running' | 'done' | 'failed';

export function toEnrolmentOutput(row: RuleEnrolment) {
  return {
    id: row.id,
    linkId: row.linkId,
    status: row.status as EnrolmentStatus,
    total: row.total,
    processed: row.processed,
    sent: row.sent,
    skipped: row.skipped,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
export type EnrolmentOutput = ReturnType<typeof toEnrolmentOutput>;

const enrolJobKey = (linkId: string) => `enrol:${linkId}`;

/**
 * Starts the run, or returns the one already running for this rule: two clicks (or two admins) never start two
 * runs — the rule's advisory lock serialises the check and the insert.
 */
export async function startEnrolment(deps: Pick<AppDeps, 'db'>, actor: LinkActor, linkId: string): Promise<EnrolmentOutput> {
  return deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${enrolJobKey(linkId)}, 0))::text AS locked`;
    const link = await loadLink({ db: tx, orgId: actor.orgId }, linkId);
    if (link.triggerType === 'manual') throw precondition('Only automatic rules (on create or on update) send to records that already match.');
    if (!link.isActive) throw precondition('Switch the rule on before sending to the records that already match.');
    const running = await tx.ruleEnrolment.findFirst({ where: { orgId: actor.orgId, linkId, status: 'running' } });
    if (running) return toEnrolmentOutput(running);
    const total = await tx.record.count({ where: { orgId: actor.orgId, partitionId: link.partitionId } });
    const row = await tx.ruleEnrolment.create({
      data: { orgId: actor.orgId, linkId, total, createdById: actor.userId, createdAt: actor.now, updatedAt: actor.now },
    });
    await addJob(tx, TASKS.enrolRecords, { enrolmentId: row.id }, { jobKey: enrolJobKey(linkId), maxAttempts: 10 });
    return toEnrolmentOutput(row);
  });
}

/** The rule's newest run (what the builder and the rule detail show), or null if it never ran. */
export async function latestEnrolment(scope: Scope, linkId: string): Promise<EnrolmentOutput | null> {
  await loadLink(scope, linkId);
  const row = await scope.db.ruleEnrolment.findFirst({ where: { orgId: scope.orgId, linkId }, orderBy: { createdAt: 'desc' } });
  return row ? toEnrolmentOutput(row) : null;
}

export interface RunOptions {
  pageSize?: number;
  /** Stop after this many pages (a worker that dies mid-run, in tests). */
  maxPages?: number;
}

/** The worker task: pages until the partition is walked. Safe to run again at any point. */
export async function runEnrolment(deps: AppDeps, enrolmentId: string, options: RunOptions = {}): Promise<void> {
  for (let page = 0; options.maxPages === undefined || page < options.maxPages; page++) {
    const more = await deps.db.$transaction((tx) => enrolPage(deps, tx, enrolmentId, options.pageSize ?? ENROL_PAGE), PAGE_TX);
    if (!more) return;
  }
}

/** Kept on the run while the job retries: the SPA shows it until the next page gets through. */
export async function noteEnrolmentError(deps: Pick<AppDeps, 'db' | 'now'>, enrolmentId: string): Promise<void> {
  await deps.db.ruleEnrolment.updateMany({
    where: { id: enrolmentId, status: 'running' },
    data: { error: 'The run stopped on a server error; it is retried automatically and continues where it stopped.', updatedAt: deps.now() },
  });
}

async function finishRun(tx: Tx, id: string, now: Date, status: EnrolmentStatus, error: string | null) {
  await tx.ruleEnrolment.update({ where: { id }, data: { status, error, finishedAt: now, updatedAt: now } });
}

async function enrolPage(deps: AppDeps, tx: Tx, enrolmentId: string, pageSize: number): Promise<boolean> {
  const now = deps.now();
  // The row lock makes two copies of the job take turns: the second sees the first's cursor.
  const [run] = await tx.$queryRaw<RuleEnrolment[]>`SELECT * FROM "RuleEnrolment" WHERE id = ${enrolmentId}::uuid FOR UPDATE`;
  if (!run || run.status !== 'running') return false;
  const link = await tx.alimtalkTemplateLink.findFirst({ where: { id: run.linkId, orgId: run.orgId, deletedAt: null }, include: { template: true } });
  if (!link || !link.isActive) {
    await finishRun(tx, run.id, now, 'failed', 'The rule was deleted or switched off; the remaining records were not sent to.');
    return false;
  }
  const partition = await tx.partition.findFirstOrThrow({ where: { id: link.partitionId, orgId: run.orgId } });
  const fields = partitionFields(partition.fields);
  const records = await tx.record.findMany({
    where: { orgId: run.orgId, partitionId: link.partitionId, ...(run.cursor ? { id: { gt: run.cursor } } : {}) },
    orderBy: { id: 'asc' },
    take: pageSize,
    select: { id: true, data: true },
  });
  const condition = linkCondition(link);
  // As the records are now, like the preview's count: no "before", so change operators do not hold.
  const matching = records.filter((r) => evaluate(condition, { before: null, after: (r.data ?? {}) as RecordData, fields }).matched);
  // Locked before the look-up, so a trigger deciding the same record meanwhile is seen, not raced.
  await lockLinkRecords(tx, matching.map((r) => pairKey(link.id, r.id)));
  const sentBefore = await alreadySentTo(tx, link.id, matching.map((r) => r.id));
  const inputs: DecideSendInput[] = matching
    .filter((r) => !sentBefore.has(r.id))
    .map((r) => ({
      orgId: run.orgId,
      link,
      recordId: r.id,
      data: (r.data ?? {}) as RecordData,
      fields,
      triggerType: 'auto',
      dedupeKey: `enrol:${link.id}:${r.id}`,
      now,
      applyCooldown: true,
      recordSkips: true,
      enrolmentId: run.id,
    }));
  const { decisions, queued } = await decideSends(tx, inputs);
  const sent = decisions.filter((d) => d.outcome === 'queued').length;
  await enqueueSendGroups(tx, queued);

  const last = records.at(-1)?.id ?? run.cursor;
  await tx.ruleEnrolment.update({
    where: { id: run.id },
    data: {
      processed: { increment: records.length },
      sent: { increment: sent },
      skipped: { increment: matching.length - sent },
      cursor: last,
      error: null,
      updatedAt: now,
    },
  });
  if (records.length < pageSize) {
    await finishRun(tx, run.id, now, 'done', null);
    return false;
  }
  return true;
}

/** Records this rule has already messaged (any send that was not skipped): enrolment never sends to them again. */
async function alreadySentTo(tx: Tx, linkId: string, recordIds: string[]): Promise<Set<string>> {
  if (!recordIds.length) return new Set();
  const rows = await tx.$queryRaw<{ recordId: string }[]>`
    SELECT DISTINCT "recordId"::text AS "recordId" FROM "AlimtalkSendLog"
     WHERE "linkId" = ${linkId}::uuid AND "recordId" = ANY(${recordIds}::uuid[]) AND status <> 'skipped'`;
  return new Set(rows.map((r) => r.recordId));
}
