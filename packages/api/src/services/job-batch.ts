// Batch processing on top of graphile-worker: a running job takes other waiting jobs of its task into its own
// transaction and deletes them there. Rolled back, they are back in the queue untouched; committed, they are done —
// so a crash can neither lose nor double them. Only fresh jobs (attempts = 0) are taken: one that failed before
// retries on its own, so a bad payload cannot fail a whole batch again and again.
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
