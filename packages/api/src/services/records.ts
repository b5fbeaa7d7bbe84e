// Record writes. Each one enqueues `automation.evaluate` in its own transaction with a snapshot of before/after,
// so the evaluation sees exactly this change even if the record moves on before the job runs.
import { randomUUID } from 'node:crypto';
import type { RecordData } from '@alimflow/automation-core';
import type { Prisma, Db, Record as RecordRow } from '@alimflow/db';
import { z } from 'zod';
import { conflict, invalid as invalidInput, notFound, NOUN, words } from '../errors.ts';
import { addJob, TASKS, type Tx } from './jobs.ts';
import { insertRecordWithJob } from './record-insert-batch.ts';
import { applyRecordPatch, describeProblems, type RecordPatch } from './record-data.ts';
import { loadPartition, loadWritablePartition, rereadWritablePartition, writablePartitionForCreate } from './partition-lookup.ts';
import { SEARCH_LIMIT, searchRecordIds } from './record-search.ts';
import { endSeries } from './repeat-series.ts';

/** The `automation.evaluate` job's payload: written here, read back (and checked) by the worker task. */
export const recordEventPayloadSchema = z.object({
  eventId: z.string(),
  orgId: z.string(),
  recordId: z.string(),
  partitionId: z.string(),
  event: z.enum(['create', 'update']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type RecordEventPayload = z.infer<typeof recordEventPayloadSchema>;

/** An evaluate job's events: one payload, or an array of them (records created together, record-insert-batch.ts). */
export const recordEventsOf = (payload: unknown): unknown[] => (Array.isArray(payload) ? payload : [payload]);

const toJson = (data: RecordData): Prisma.InputJsonObject => data as Prisma.InputJsonObject;

const EVALUATE_JOB = { maxAttempts: 10 };

export function enqueueEvaluation(tx: Tx, payload: RecordEventPayload) {
  return addJob(tx, TASKS.evaluate, payload, EVALUATE_JOB);
}

function invalid(problems: Parameters<typeof describeProblems>[0]): never {
  throw invalidInput(words(`레코드 값이 올바르지 않습니다: ${describeProblems(problems, 'ko')}`, `Invalid record data: ${describeProblems(problems, 'en')}`), problems);
}

/**
 * The row and its evaluate job in one statement, shared with the creations of the same org that arrive meanwhile
 * (record-insert-batch.ts): the hot write path was BEGIN, INSERT, add_job, COMMIT per record. The data is checked
 * against the partition as this process last read it; the write itself confirms that version, and a refusal (a
 * field unknown, a changed partition) is only ever given after reading the partition again.
 */
export async function createRecord(db: Db, orgId: string, partitionId: string, patch: RecordPatch, now: Date): Promise<RecordRow> {
  let { partition, remembered } = await writablePartitionForCreate(db, orgId, partitionId);
  for (let attempt = 0; ; attempt++) {
    let result = applyRecordPatch(partition.fieldDefs, {}, patch);
    if (!result.ok && remembered) {
      partition = await rereadWritablePartition(db, orgId, partitionId);
      result = applyRecordPatch(partition.fieldDefs, {}, patch);
    }
    if (!result.ok) invalid(result.problems);
    const id = randomUUID();
    const payload: RecordEventPayload = { eventId: randomUUID(), orgId, recordId: id, partitionId, event: 'create', before: null, after: result.data, at: now.toISOString() };
    const written = await insertRecordWithJob(db, {
      id,
      orgId,
      partitionId,
      data: result.data,
      at: now,
      partitionVersion: partition.updatedAt,
      job: { task: TASKS.evaluate, payload, maxAttempts: EVALUATE_JOB.maxAttempts },
    });
    if (written.written) return written.record;
    // The partition changed (or was archived or deleted) since it was read: read it again, which also says why
    // not, and check again. Edits racing this one on every try: nothing was written, and the caller may retry.
    if (attempt >= 3) {
      throw conflict(words('파티션이 저장 중에 계속 바뀌어 레코드를 만들지 못했습니다. 다시 시도해 주세요.', 'The partition kept changing while the record was being saved; nothing was saved. Please try again.'));
    }
    partition = await rereadWritablePartition(db, orgId, partitionId);
    remembered = false;
  }
}

export async function updateRecord(db: Db, orgId: string, recordId: string, patch: RecordPatch, now: Date) {
  return db.$transaction(async (tx) => {
    // Row lock: two concurrent PATCHes merge one after the other and each gets its own before/after.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Record" WHERE id = ${recordId}::uuid AND "orgId" = ${orgId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound(NOUN.record);
    const current = await tx.record.findUniqueOrThrow({ where: { id: recordId } });
    const partition = await loadWritablePartition(tx, orgId, current.partitionId);
    const before = (current.data ?? {}) as RecordData;
    const result = applyRecordPatch(partition.fieldDefs, before, patch);
    if (!result.ok) invalid(result.problems);
    const record = await tx.record.update({ where: { id: recordId }, data: { data: toJson(result.data), updatedAt: now } });
    await enqueueEvaluation(tx, {
      eventId: randomUUID(),
      orgId,
      recordId,
      partitionId: current.partitionId,
      event: 'update',
      before,
      after: result.data,
      at: now.toISOString(),
    });
    return record;
  });
}

export async function deleteRecord(db: Db, orgId: string, recordId: string, now: Date) {
  return db.$transaction(async (tx) => {
    const record = await tx.record.findFirst({ where: { id: recordId, orgId } });
    if (!record) throw notFound(NOUN.record);
    // A deleted record's reminders stop now, not at their next due time.
    const ended = await endSeries(tx, { orgId, recordId }, { status: 'cancelled', reason: 'record_deleted', now });
    await tx.record.delete({ where: { id: recordId } });
    return { id: recordId, cancelledRepeats: ended.length };
  });
}

export async function getRecord(db: Db, orgId: string, id: string) {
  const record = await db.record.findFirst({ where: { id, orgId } });
  if (!record) throw notFound(NOUN.record);
  return record;
}

/** Newest first, keyset-paged by id; `search` matches any field's value, case-insensitively. */
export async function listRecords(
  db: Db,
  orgId: string,
  input: { partitionId: string; search?: string | undefined; limit: number; cursor?: string | undefined },
) {
  await loadPartition(db, orgId, input.partitionId);
  const where: Prisma.RecordWhereInput = { orgId, partitionId: input.partitionId };
  if (input.search) {
    where.id = { in: await searchRecordIds(db, orgId, input.partitionId, input.search) };
  }
  const items = await db.record.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = items.length > input.limit;
  if (hasMore) items.pop();
  const nextCursor = hasMore ? items[items.length - 1]!.id : null;
  return { items, nextCursor };
}

/** How many records a search matches (up to the search limit), for "select all N matching". */
export async function countRecords(db: Db, orgId: string, input: { partitionId: string; search?: string | undefined }) {
  await loadPartition(db, orgId, input.partitionId);
  const count = input.search
    ? (await searchRecordIds(db, orgId, input.partitionId, input.search, SEARCH_LIMIT + 1)).length
    : await db.record.count({ where: { orgId, partitionId: input.partitionId } });
  return { count: Math.min(count, SEARCH_LIMIT), capped: count > SEARCH_LIMIT };
}
