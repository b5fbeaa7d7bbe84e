// One org's partition by id, with its field list read the one way (automation-core's partitionFields).
import { partitionFields } from '@alimflow/automation-core';
import { Prisma, queryRows, type Db, type Partition } from '@alimflow/db';
import { notFound, precondition, NOUN } from '../errors.ts';
import type { Tx } from './jobs.ts';

/** Another org's partition is NOT_FOUND, like one that does not exist. */
// Raw SQL on the pool (queryRows; through Prisma inside a transaction): this runs on every record write, where
// Prisma's per-query compilation cost more than the query itself (CPU profile of records.create). A malformed id is a partition that does not exist, not a database error.
export async function loadPartition(db: Db | Tx, orgId: string, id: string) {
  const partition = UUID.test(id)
    ? (
        await queryRows<Partition>(db, Prisma.sql`
          SELECT id::text AS id, "orgId"::text AS "orgId", name, fields, "phoneField", "archivedAt", "createdAt", "updatedAt"
            FROM "Partition" WHERE id = ${id}::uuid AND "orgId" = ${orgId}::uuid`)
      )[0]
    : undefined;
  if (!partition) throw notFound(NOUN.partition);
  return { ...partition, fieldDefs: partitionFields(partition.fields) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An archived partition is out of use until restored: its records and rules stay readable, but nothing new is
 * written into it (no record created or changed, no rule created, no import started), so nothing starts sending.
 */
export function assertPartitionWritable(partition: { name: string; archivedAt: Date | null }): void {
  if (partition.archivedAt) {
    throw precondition(
      `보관된 파티션 "${partition.name}"에는 레코드나 규칙을 추가·수정할 수 없습니다. 파티션을 먼저 복원하세요. / ` +
        `The partition "${partition.name}" is archived: restore it before adding or changing its records or rules.`,
    );
  }
}

/** loadPartition for a write: also refuses an archived partition. */
export async function loadWritablePartition(db: Db | Tx, orgId: string, id: string) {
  const partition = await loadPartition(db, orgId, id);
  assertPartitionWritable(partition);
  return partition;
}

type LoadedPartition = Awaited<ReturnType<typeof loadPartition>>;

/** Partitions per process remembered for record creation; past this the oldest is dropped. */
const REMEMBERED_PARTITIONS = 500;
const remembered = new WeakMap<object, Map<string, LoadedPartition>>();

/**
 * The writable partition as last read by this process, for record creation only: its write names the version it
 * was checked against and is refused if the partition changed since (record-insert-batch.ts), so a remembered copy
 * can only ever make a write go through that a fresh read would also allow. `remembered` says it was not read now:
 * a caller that would refuse on its word (a field it does not know) reads it again first.
 */
export async function writablePartitionForCreate(db: Db, orgId: string, id: string): Promise<{ partition: LoadedPartition; remembered: boolean }> {
  const known = remembered.get(db)?.get(`${orgId}:${id}`);
  if (known) return { partition: known, remembered: true };
  return { partition: await rereadWritablePartition(db, orgId, id), remembered: false };
}

/** A fresh read, which replaces (or, when it throws, drops) what this process remembered. */
export async function rereadWritablePartition(db: Db, orgId: string, id: string): Promise<LoadedPartition> {
  let ofDb = remembered.get(db);
  if (!ofDb) remembered.set(db, (ofDb = new Map<string, LoadedPartition>()));
  const key = `${orgId}:${id}`;
  ofDb.delete(key);
  const partition = await loadWritablePartition(db, orgId, id);
  ofDb.set(key, partition);
  if (ofDb.size > REMEMBERED_PARTITIONS) ofDb.delete(ofDb.keys().next().value!);
  return partition;
}
