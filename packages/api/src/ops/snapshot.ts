// The install-wide operating figures, read from Postgres so they are right however many API and worker
// processes run: evaluation lag, queue depth and permanently failed jobs per task, sends by status and NHN
// result code, repeat entries due and overdue, live workers. One round of queries serves every scrape and System
// page view for CACHE_MS, so a tight scrape interval costs the database little.
import type { Db } from '@alimflow/db';
import { TASKS } from '../services/jobs.ts';

/** A repeat entry this long past due has been missed by at least one sweep (cron runs every minute). */
export const OVERDUE_AFTER_S = 120;
const CACHE_MS = 5_000;

export interface TaskQueue {
  task: string;
  /** Jobs waiting, scheduled for later (incl. retry back-off) or running. */
  depth: number;
  running: number;
  /** attempts ≥ max_attempts: graphile-worker will not run them again until someone retries them. */
  failed: number;
}

export interface OpsSnapshot {
  /** Age of the oldest record event whose evaluation has not finished (0 when none is waiting). */
  evaluationLagSeconds: number;
  queues: TaskQueue[];
  sendsByStatus: Array<{ status: string; count: number }>;
  /** Settled sends (failed, accepted, delivered) by NHN's result code. */
  sendsByResultCode: Array<{ status: string; code: string; count: number }>;
  repeatsDue: number;
  repeatsOverdue: number;
  liveWorkers: number;
}

const num = (v: unknown) => Number(v ?? 0);

/** Codes are NHN's (`-1031`, `3018`…) or ours (`CONFIG`); anything else becomes `other`, so no label can carry text. */
export function resultCodeLabel(code: string | null): string {
  if (code === null) return 'none';
  return /^[A-Za-z0-9_-]{1,24}$/.test(code) ? code : 'other';
}

export async function readOpsSnapshot(db: Db, silentAfterMs: number): Promise<OpsSnapshot> {
  const [lag, queues, byStatus, byCode, repeats, workers] = await Promise.all([
    db.$queryRaw<Array<{ lag: number | null }>>`
      SELECT EXTRACT(EPOCH FROM now() - min(j.created_at))::float8 AS lag
        FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = ${TASKS.evaluate} AND j.attempts < j.max_attempts`,
    db.$queryRaw<Array<{ task: string; depth: bigint; running: bigint; failed: bigint }>>`
      SELECT t.identifier AS task,
             -- A batch job (record events created together) counts its entries: the depth is work, not rows.
             sum(CASE WHEN json_typeof(j.payload) = 'array' THEN json_array_length(j.payload) ELSE 1 END)
               FILTER (WHERE j.attempts < j.max_attempts) AS depth,
             count(*) FILTER (WHERE j.locked_at IS NOT NULL) AS running,
             count(*) FILTER (WHERE j.attempts >= j.max_attempts) AS failed
        FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       GROUP BY t.identifier ORDER BY t.identifier`,
    db.$queryRaw<Array<{ status: string; count: bigint }>>`
      SELECT status::text AS status, count(*) AS count FROM "AlimtalkSendLog" GROUP BY status ORDER BY status`,
    db.$queryRaw<Array<{ status: string; code: string | null; count: bigint }>>`
      SELECT status::text AS status, "resultCode" AS code, count(*) AS count FROM "AlimtalkSendLog"
       WHERE status IN ('failed', 'accepted', 'delivered') GROUP BY status, "resultCode"
       ORDER BY count(*) DESC LIMIT 100`,
    db.$queryRaw<Array<{ due: bigint; overdue: bigint }>>`
      SELECT count(*) FILTER (WHERE "nextRunAt" <= now()) AS due,
             count(*) FILTER (WHERE "nextRunAt" <= now() - make_interval(secs => ${OVERDUE_AFTER_S})) AS overdue
        FROM "AlimtalkAutomationQueue" WHERE status = 'pending'`,
    db.$queryRaw<Array<{ live: bigint }>>`
      SELECT count(*) AS live FROM "WorkerHeartbeat"
       WHERE "lastSeenAt" > now() - make_interval(secs => ${silentAfterMs / 1000}::double precision)`,
  ]);
  const codes = new Map<string, { status: string; code: string; count: number }>();
  for (const row of byCode) {
    const code = resultCodeLabel(row.code);
    const key = `${row.status}\u0000${code}`;
    const entry = codes.get(key) ?? { status: row.status, code, count: 0 };
    entry.count += num(row.count);
    codes.set(key, entry);
  }
  return {
    evaluationLagSeconds: Math.max(0, num(lag[0]?.lag)),
    queues: queues.map((q) => ({ task: q.task, depth: num(q.depth), running: num(q.running), failed: num(q.failed) })),
    sendsByStatus: byStatus.map((s) => ({ status: s.status, count: num(s.count) })),
    sendsByResultCode: [...codes.values()],
    repeatsDue: num(repeats[0]?.due),
    repeatsOverdue: num(repeats[0]?.overdue),
    liveWorkers: num(workers[0]?.live),
  };
}

/** readOpsSnapshot behind a short cache; concurrent callers share one round of queries. */
export function cachedOpsSnapshot(db: Db, silentAfterMs: number, cacheMs: number = CACHE_MS): () => Promise<OpsSnapshot> {
  let cached: { at: number; value: Promise<OpsSnapshot> } | null = null;
  return () => {
    if (cached && Date.now() - cached.at < cacheMs) return cached.value;
    const value = readOpsSnapshot(db, silentAfterMs);
    cached = { at: Date.now(), value };
    // A failed read is not cached: the next scrape tries again.
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
    return value;
  };
}
