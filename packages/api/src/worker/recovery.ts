// Worker recovery: graphile-worker keeps a crashed worker's jobs locked for 4 hours. Every minute one sweep (cron,
// fixed id) hands back the jobs of worker processes whose heartbeat went silent, and of pools no live heartbeat
// claims (a process killed before its first heartbeat), through graphile-worker's own force_unlock_workers.
// Safe under many workers: stale heartbeat rows are claimed with SKIP LOCKED, and force-unlocking a pool that is
// already gone twice changes nothing. Every task is idempotent, so a job that had run partly is safe to run again.
import type { Db } from '@alimflow/db';
import type { CronItem, Task } from 'graphile-worker';
import type { Logger } from 'pino';

export const RECOVERY_TASK = 'worker.recover-silent';

export interface RecoveryResult {
  /** Heartbeat rows removed (processes considered dead). */
  silentWorkers: number;
  /** Jobs returned to the queue. */
  unlockedJobs: number;
}

export async function recoverSilentWorkers(db: Db, silentAfterMs: number): Promise<RecoveryResult> {
  const secs = silentAfterMs / 1000;
  return db.$transaction(async (tx) => {
    const stale = await tx.$queryRaw<{ id: string; poolIds: string[] }[]>`
      SELECT id, "poolIds" FROM "WorkerHeartbeat"
      WHERE "lastSeenAt" < now() - make_interval(secs => ${secs}::double precision)
      FOR UPDATE SKIP LOCKED`;
    const orphanLockers = await tx.$queryRaw<{ locked_by: string }[]>`
      SELECT DISTINCT j.locked_by FROM graphile_worker.jobs j
      WHERE j.locked_by IS NOT NULL
        AND j.locked_at < now() - make_interval(secs => ${secs}::double precision)
        AND NOT EXISTS (
          SELECT 1 FROM "WorkerHeartbeat" h
          WHERE j.locked_by = ANY(h."poolIds") AND h."lastSeenAt" >= now() - make_interval(secs => ${secs}::double precision))`;
    const poolIds = [...new Set([...stale.flatMap((r) => r.poolIds), ...orphanLockers.map((r) => r.locked_by)])];
    let unlockedJobs = 0;
    if (poolIds.length) {
      const [counted] = await tx.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs WHERE locked_by = ANY(${poolIds}::text[])`;
      unlockedJobs = Number(counted?.n ?? 0);
      await tx.$executeRaw`SELECT graphile_worker.force_unlock_workers(${poolIds}::text[])`;
    }
    if (stale.length) await tx.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE id = ANY(${stale.map((r) => r.id)}::text[])`;
    return { silentWorkers: stale.length, unlockedJobs };
  });
}

export interface RecoveryTaskOptions {
  db: Db;
  logger: Logger;
  silentAfterMs: number;
  /**
   * How long this process has been reaching the database without a break. After an outage every heartbeat is
   * stale; a sweep must wait until the other live workers had time to write theirs again (`minConnectedMs`,
   * a few heartbeat intervals), or it would take their jobs.
   */
  connectedForMs: () => number;
  minConnectedMs: number;
}

export function recoveryTask(options: RecoveryTaskOptions): Task {
  return async () => {
    if (options.connectedForMs() < options.minConnectedMs) return;
    const result = await recoverSilentWorkers(options.db, options.silentAfterMs);
    if (result.silentWorkers || result.unlockedJobs) options.logger.warn(result, 'recovered the jobs of silent workers');
  };
}

export const recoveryCronItem: CronItem = {
  task: RECOVERY_TASK,
  match: '* * * * *',
  identifier: RECOVERY_TASK,
  options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:recover-silent' },
};
