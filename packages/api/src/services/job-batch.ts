// Batch processing on top of graphile-worker: a running job takes other waiting jobs of its task into its own
// transaction and deletes them there. Rolled back, they are back in the queue untouched; committed, they are done —
// so a crash can neither lose nor double them. Only fresh jobs (attempts = 0) are taken: one that failed before
// retries on its own, so a bad payload cannot fail a whole batch again and again.
import { onPool, type Db } from '@alimflow/db';
import type { RawTx } from './jobs.ts';

/** Up to `limit` items of waiting jobs of `task` (a batch job brings all its entries, or none). */
export async function claimJobBatch<T>(tx: RawTx, task: string, limit: number, parse: (payload: unknown) => T[] | undefined): Promise<T[]> {
  if (limit <= 0) return [];
  // Every job carries at least one item, so `limit` jobs are enough to fill the batch; the ones past the limit stay
  // locked by this transaction until it ends (other workers skip them) and are not deleted.
  const jobs = await tx.$queryRaw<{ id: string; payload: unknown }[]>`
    SELECT j.id::text AS id, j.payload FROM graphile_worker._private_jobs j
     WHERE j.task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = ${task})
       AND j.locked_at IS NULL AND j.attempts = 0 AND j.run_at <= now()
     ORDER BY j.priority, j.run_at, j.id
     LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  const taken: { id: string; items: T[] }[] = [];
  let count = 0;
  for (const job of jobs) {
    const items = parse(job.payload);
    if (items === undefined || !items.length) continue;
    if (count + items.length > limit) break;
    taken.push({ id: job.id, items });
    count += items.length;
  }
  if (taken.length) await tx.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ANY(${taken.map((t) => t.id)}::text[]::bigint[])`;
  return taken.flatMap((t) => t.items);
}

/** Jobs this process runs outside graphile-worker's loop (holdKeyedJob): its heartbeat counts them as running. */
export const heldJobIds = new Set<string>();

/** Rows a held job sends, claimed in the same statement that holds it (see send.ts claimRows: one claim per batch). */
export interface HeldClaim {
  ids: string[];
  until: Date;
  now: Date;
}

/**
 * Locks the waiting job with this key for the caller's worker pool, on the caller's transaction, as graphile-worker's
 * get_job would: committed together with the rows the job is for, so no worker woken by the insert takes it first,
 * and if this process dies, recovery hands it back like any job it was running. Null when another worker has it —
 * then it is that worker's. Run it with runHeldJob after the commit.
 *
 * With `claim`, the same statement also claims those rows (claimedUntil, an attempt counted) and names the first in
 * the job's payload, as a send job's own claim does — so after the commit the rows go to NHN without another claim
 * transaction, and recovery (releaseDeadSendClaims) releases them through the job if this process dies first.
 * `fresh`: the job was created by this transaction (graphile-worker's revision 0), so it carries no other
 * transaction's rows and its send needs no drain of the group.
 */
export async function holdKeyedJob(tx: RawTx, key: string, lockedBy: string, claim?: HeldClaim): Promise<{ id: string; fresh: boolean } | null> {
  const first = claim?.ids[0] ?? null;
  const [job] = await tx.$queryRaw<{ id: string; fresh: boolean }[]>`
    WITH job AS (
      UPDATE graphile_worker._private_jobs
         SET locked_at = now(), locked_by = ${lockedBy}, attempts = attempts + 1, updated_at = now(),
             payload = CASE WHEN ${first}::text IS NULL THEN payload ELSE json_build_object('sendLogId', ${first}::text, 'group', payload->'group') END
       WHERE id = (SELECT id FROM graphile_worker._private_jobs
                    WHERE key = ${key} AND is_available AND job_queue_id IS NULL AND run_at <= now() FOR UPDATE SKIP LOCKED)
      RETURNING id, revision),
    claimed AS (
      UPDATE "AlimtalkSendLog" SET "claimedUntil" = ${claim?.until ?? null}, attempts = attempts + 1, "updatedAt" = ${claim?.now ?? null}
       WHERE id = ANY(${claim?.ids ?? []}::uuid[]) AND EXISTS (SELECT 1 FROM job)
      RETURNING id)
    -- (a data-modifying WITH runs whether or not the query reads it)
    SELECT id::text AS id, revision = 0 AS fresh FROM job`;
  if (job) heldJobIds.add(job.id);
  return job ?? null;
}

/** Forgets held jobs whose transaction rolled back (their lock went with it). */
export function forgetHeldJobs(ids: string[]): void {
  for (const id of ids) heldJobIds.delete(id);
}

/** A held job: deleted when `run` succeeds, unlocked for the queue (to run and retry there) when it fails. */
export async function runHeldJob(db: Db, jobId: string, lockedBy: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    await onPool(db).$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${jobId}::bigint AND locked_by = ${lockedBy}`;
  } catch (error) {
    await onPool(db).$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL
      WHERE id = ${jobId}::bigint AND locked_by = ${lockedBy}`.catch(() => {});
    throw error;
  } finally {
    heldJobIds.delete(jobId);
  }
}
