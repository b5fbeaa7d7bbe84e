// Batch processing on top of graphile-worker: a running job takes other waiting jobs of its task into its own
// transaction and deletes them there. Rolled back, they are back in the queue untouched; committed, they are done —
// so a crash can neither lose nor double them. Only fresh jobs (attempts = 0) are taken: one that failed before
// retries on its own, so a bad payload cannot fail a whole batch again and again.
import type { Db } from '@alimflow/db';
import type { Tx } from './jobs.ts';

export async function claimJobBatch<T>(tx: Tx, task: string, limit: number, parse: (payload: unknown) => T | undefined): Promise<T[]> {
  if (limit <= 0) return [];
  const jobs = await tx.$queryRaw<{ id: string; payload: unknown }[]>`
    SELECT j.id::text AS id, j.payload FROM graphile_worker._private_jobs j
     WHERE j.task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = ${task})
       AND j.locked_at IS NULL AND j.attempts = 0 AND j.run_at <= now()
     ORDER BY j.priority, j.run_at, j.id
     LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  const taken: { id: string; value: T }[] = [];
  for (const job of jobs) {
    const value = parse(job.payload);
    if (value !== undefined) taken.push({ id: job.id, value });
  }
  if (taken.length) await tx.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ANY(${taken.map((t) => t.id)}::text[]::bigint[])`;
  return taken.map((t) => t.value);
}

/** Jobs this process runs outside graphile-worker's loop (holdKeyedJob): its heartbeat counts them as running. */
export const heldJobIds = new Set<string>();

/**
 * Locks the waiting job with this key for the caller's worker pool, on the caller's transaction, as graphile-worker's
 * get_job would: committed together with the rows the job is for, so no worker woken by the insert takes it first,
 * and if this process dies, recovery hands it back like any job it was running. Its id, or null when another
 * worker has it — then it is that worker's. Run it with runHeldJob after the commit.
 */
export async function holdKeyedJob(tx: Tx, key: string, lockedBy: string): Promise<string | null> {
  const [job] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = ${lockedBy}, attempts = attempts + 1, updated_at = now()
     WHERE id = (SELECT id FROM graphile_worker._private_jobs
                  WHERE key = ${key} AND is_available AND job_queue_id IS NULL AND run_at <= now() FOR UPDATE SKIP LOCKED)
     RETURNING id::text AS id`;
  if (job) heldJobIds.add(job.id);
  return job?.id ?? null;
}

/** Forgets held jobs whose transaction rolled back (their lock went with it). */
export function forgetHeldJobs(ids: string[]): void {
  for (const id of ids) heldJobIds.delete(id);
}

/** A held job: deleted when `run` succeeds, unlocked for the queue (to run and retry there) when it fails. */
export async function runHeldJob(db: Db, jobId: string, lockedBy: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${jobId}::bigint AND locked_by = ${lockedBy}`;
  } catch (error) {
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL
      WHERE id = ${jobId}::bigint AND locked_by = ${lockedBy}`.catch(() => {});
    throw error;
  } finally {
    heldJobIds.delete(jobId);
  }
}
