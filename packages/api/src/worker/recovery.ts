// Worker recovery: graphile-worker keeps a crashed worker's jobs locked for 4 hours. Every minute one sweep (cron,
// fixed id) hands back the jobs of worker processes whose heartbeat went silent (or, on this host, whose pid is
// gone), and of pools no live heartbeat claims (a process killed before its first heartbeat), through
// graphile-worker's own force_unlock_workers.
// Safe under many workers: stale heartbeat rows are claimed with SKIP LOCKED, and force-unlocking a pool that is
// already gone twice changes nothing. Every task is idempotent, so a job that had run partly is safe to run again.
import type { Db } from '@alimflow/db';
import { enqueueSend, TASKS, type Tx } from '../services/jobs.ts';
import type { CronItem, Task } from 'graphile-worker';
import type { Logger } from 'pino';

export const RECOVERY_TASK = 'worker.recover-silent';

export interface RecoveryResult {
  /** Heartbeat rows removed (processes considered dead). */
  silentWorkers: number;
  /** Jobs returned to the queue. */
  unlockedJobs: number;
}

/**
 * A process on this host needs no silence threshold to be known dead: its pid is gone. Its heartbeat must still be
 * quiet for `quietMs` (a few intervals), so a live process with the same hostname in another pid namespace (a
 * container) — which keeps beating — is never taken for dead.
 */
export interface SameHostCheck {
  hostname: string;
  quietMs: number;
  isAlive?: (pid: number) => boolean;
}

/** `kill(pid, 0)`: no such process is ESRCH; EPERM means it exists under another user. */
export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export async function recoverSilentWorkers(db: Db, silentAfterMs: number, sameHost?: SameHostCheck): Promise<RecoveryResult> {
  const secs = silentAfterMs / 1000;
  const quietSecs = Math.min(secs, (sameHost?.quietMs ?? silentAfterMs) / 1000);
  const isAlive = sameHost?.isAlive ?? pidIsAlive;
  return db.$transaction(async (tx) => {
    const quiet = await tx.$queryRaw<{ id: string; poolIds: string[]; hostname: string; pid: number; silent: boolean }[]>`
      SELECT id, "poolIds", hostname, pid, "lastSeenAt" < now() - make_interval(secs => ${secs}::double precision) AS silent
        FROM "WorkerHeartbeat"
       WHERE "lastSeenAt" < now() - make_interval(secs => ${quietSecs}::double precision)
       FOR UPDATE SKIP LOCKED`;
    const stale = quiet.filter(
      (r) => r.silent || (sameHost !== undefined && r.hostname === sameHost.hostname && r.pid !== process.pid && !isAlive(r.pid)),
    );
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
      await releaseDeadSendClaims(tx, poolIds);
      const [counted] = await tx.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs WHERE locked_by = ANY(${poolIds}::text[])`;
      unlockedJobs = Number(counted?.n ?? 0);
      await tx.$executeRaw`SELECT graphile_worker.force_unlock_workers(${poolIds}::text[])`;
    }
    if (stale.length) await tx.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE id = ANY(${stale.map((r) => r.id)}::text[])`;
    return { silentWorkers: stale.length, unlockedJobs };
  });
}

/**
 * A dead worker's send job had claimed its SendLog and batch mates (claimedUntil, 2 min). Its returned job would
 * find the rows claimed and do nothing, leaving them to the stranded-send sweep minutes later. The claimant is
 * gone, so the claim is released now; one batch shares one claimedUntil. Every released row gets its send job
 * again. Every released row has an attempt counted, so it is looked up at NHN by its
 * grouping key before anything is resent.
 */
async function releaseDeadSendClaims(tx: Tx, poolIds: string[]): Promise<void> {
  const primaries = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT j.payload->>'sendLogId' AS id
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.locked_by = ANY(${poolIds}::text[]) AND t.identifier = ${TASKS.send} AND j.payload->>'sendLogId' IS NOT NULL`;
  if (!primaries.length) return;
  const ids = primaries.map((p) => p.id);
  const released = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "AlimtalkSendLog" m SET "claimedUntil" = NULL
    FROM "AlimtalkSendLog" p
    WHERE p.id::text = ANY(${ids}::text[]) AND p."claimedUntil" IS NOT NULL
      AND m."orgId" = p."orgId" AND m."templateCode" = p."templateCode" AND m."claimedUntil" = p."claimedUntil"
      AND m.status = 'pending'
    RETURNING m.id::text AS id`;
  // Every released row gets its own job, the primaries too: a group's job that was superseded while it ran (a new
  // batch for the group arrived) has its attempts used up by graphile-worker and would never run again.
  for (const { id } of released) await enqueueSend(tx, id);
}

export interface RecoveryTaskOptions {
  db: Db;
  /** Heartbeats of this host whose process is gone are recovered without waiting for the silence threshold. */
  sameHost?: SameHostCheck;
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
    const result = await recoverSilentWorkers(options.db, options.silentAfterMs, options.sameHost);
    if (result.silentWorkers || result.unlockedJobs) options.logger.warn(result, 'recovered the jobs of silent workers');
  };
}

export const recoveryCronItem: CronItem = {
  task: RECOVERY_TASK,
  match: '* * * * *',
  identifier: RECOVERY_TASK,
  options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:recover-silent' },
};
