// One org's partition by id, with its field list read the one way (automation-core's partitionFields).
import { partitionFields } from '@alimflow/automation-core';
import type { Db } from '@alimflow/db';
import { notFound } from '../errors.ts';
import type { Tx } from './jobs.ts';

/** Another org's partition is NOT_FOUND, like one that does not exist. */
export async function loadPartition(db: Db | Tx, orgId: string, id: string) {
  const partition = await db.partition.findFirst({ where: { id, orgId } });
  if (!partition) throw notFound('Partition');
  return { ...partition, fieldDefs: partitionFields(partition.fields) };
}
