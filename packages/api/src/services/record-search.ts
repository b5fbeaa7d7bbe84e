// Which records of a partition a search matches. The records table and "send to all N matching" both ask, so they
// can never disagree about what "matching" means.
import type { Db } from '@alimflow/db';
import type { Tx } from './jobs.ts';

/** Searches stop here; the records table says so and manual sends to "all matching" refuse above it. */
export const SEARCH_LIMIT = 5000;

/** Ids of the partition's records whose values contain `search` (any field, case-insensitive), newest first. */
export async function searchRecordIds(db: Db | Tx, orgId: string, partitionId: string, search: string, limit = SEARCH_LIMIT): Promise<string[]> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Record" WHERE "orgId" = ${orgId}::uuid AND "partitionId" = ${partitionId}::uuid
      AND data::text ILIKE ${pattern} ORDER BY "createdAt" DESC, id DESC LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
