// Record writes. Each one enqueues `automation.evaluate` in its own transaction with a snapshot of before/after,
// so the evaluation sees exactly this change even if the record moves on before the job runs.
import { randomUUID } from 'node:crypto';
import { fieldDefinitionsSchema, type FieldDefinition, type RecordData } from '@alimflow/automation-core';
import type { Db, Prisma } from '@alimflow/db';
import { TRPCError } from '@trpc/server';
import { addJob, TASKS, type Tx } from './jobs.ts';
import { applyRecordPatch, describeProblems, type RecordPatch } from './record-data.ts';

export interface RecordEventPayload {
  eventId: string;
  orgId: string;
  recordId: string;
  partitionId: string;
  event: 'create' | 'update';
  before: RecordData | null;
  after: RecordData;
  at: string;
}

const toJson = (data: RecordData): Prisma.InputJsonObject => data as Prisma.InputJsonObject;

export function parseFields(json: unknown): FieldDefinition[] {
  const parsed = fieldDefinitionsSchema.safeParse(json);
  // Stored definitions were validated on write; a row that no longer parses is treated as having no fields.
  return parsed.success ? parsed.data : [];
}

async function loadPartition(db: Db | Tx, orgId: string, partitionId: string) {
  const partition = await db.partition.findFirst({ where: { id: partitionId, orgId } });
  if (!partition) throw new TRPCError({ code: 'NOT_FOUND', message: 'Partition not found.' });
  return { ...partition, fieldDefs: parseFields(partition.fields) };
}

function enqueueEvaluation(tx: Tx, payload: RecordEventPayload) {
  return addJob(tx, TASKS.evaluate, payload, { maxAttempts: 10 });
}

function invalid(problems: Parameters<typeof describeProblems>[0]): never {
  throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid record data: ${describeProblems(problems)}` });
}

export async function createRecord(db: Db, orgId: string, partitionId: string, patch: RecordPatch, now: Date) {
  const partition = await loadPartition(db, orgId, partitionId);
  const result = applyRecordPatch(partition.fieldDefs, {}, patch);
  if (!result.ok) invalid(result.problems);
  return db.$transaction(async (tx) => {
    const record = await tx.record.create({ data: { orgId, partitionId, data: toJson(result.data), createdAt: now, updatedAt: now } });
    await enqueueEvaluation(tx, {
      eventId: randomUUID(),
      orgId,
      recordId: record.id,
      partitionId,
      event: 'create',
      before: null,
      after: result.data,
      at: now.toISOString(),
    });
    return record;
  });
}

export async function updateRecord(db: Db, orgId: string, recordId: string, patch: RecordPatch, now: Date) {
  return db.$transaction(async (tx) => {
    // Row lock: two concurrent PATCHes merge one after the other and each gets its own before/after.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Record" WHERE id = ${recordId}::uuid AND "orgId" = ${orgId}::uuid FOR UPDATE`;
    if (!locked.length) throw new TRPCError({ code: 'NOT_FOUND', message: 'Record not found.' });
    const current = await tx.record.findUniqueOrThrow({ where: { id: recordId } });
    const partition = await loadPartition(tx, orgId, current.partitionId);
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
    if (!record) throw new TRPCError({ code: 'NOT_FOUND', message: 'Record not found.' });
    // A deleted record's reminders stop now, not at their next due time.
    const pending = await tx.alimtalkAutomationQueue.findMany({ where: { orgId, recordId, status: 'pending' } });
    if (pending.length) {
      await tx.alimtalkAutomationQueue.updateMany({
        where: { id: { in: pending.map((p) => p.id) } },
        data: { status: 'cancelled', endReason: 'record_deleted', updatedAt: now },
      });
      await tx.automationEvent.createMany({
        data: pending.map((p) => ({ orgId, linkId: p.linkId, recordId, event: 'repeat', decision: 'cancelled', reason: 'record_deleted', createdAt: now })),
      });
    }
    await tx.record.delete({ where: { id: recordId } });
    return { id: recordId, cancelledRepeats: pending.length };
  });
}
