// A worker process's heartbeat row: which graphile-worker pools it runs (jobs are locked under the pool id) and
// when it last reached the database. The recovery sweep (recovery.ts) returns the jobs of silent processes.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from '@alimflow/db';
import type { Logger } from 'pino';

export interface Heartbeat {
  readonly id: string;
  addPool(poolId: string): void;
  removePool(poolId: string): void;
  /** How long the heartbeat has been writing without a failed write in between; 0 while the database is away. */
  connectedForMs(): number;
  /** Writes the row now (also done on a timer). Never throws: a failure is logged and retried on the next tick. */
  beat(): Promise<void>;
  /** Stops the timer and deletes the row, so a clean shutdown leaves nothing for the sweep. */
  stop(): Promise<void>;
}

export interface HeartbeatOptions {
  intervalMs: number;
  logger: Logger;
  /**
   * Ids of the jobs this process is running right now. A job locked by one of our pools that is not running here
   * lost its completion write to a database outage (graphile-worker does not retry those); after `orphanAfterMs`
   * it is handed back to the queue — at once when the database has just come back (see releaseOrphans).
   */
  activeJobIds?: () => string[];
  orphanAfterMs?: number;
}

/**
 * Hands back the jobs our pools hold but no worker of ours runs: those locked more than `afterMs` ago, and — once the
 * database is back after an outage — every one locked before it came back (`lockedBefore`, the database's clock at
 * the first write that got through): nothing of ours can still be completing them, the outage swallowed their
 * completion. A pool that ended (`former`) has no workers left at all. Returns how many were handed back.
 */
export async function releaseOrphans(
  db: Db,
  jobs: { pools: string[]; former: string[]; active: string[]; afterMs: number; lockedBefore: Date | null },
): Promise<number> {
  return db.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL
    WHERE NOT (id::text = ANY(${jobs.active}::text[]))
      AND (locked_by = ANY(${jobs.former}::text[])
        OR (locked_by = ANY(${jobs.pools}::text[])
          AND (locked_at < now() - make_interval(secs => ${jobs.afterMs / 1000}::double precision)
            OR locked_at < ${jobs.lockedBefore}::timestamptz)))`;
}

export function startHeartbeat(db: Db, options: HeartbeatOptions): Heartbeat {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pools = new Set<string>();
  const formerPools = new Set<string>();
  const log = options.logger.child({ component: 'heartbeat' });
  let connectedSince: number | null = null;
  let failedSinceStart = false;
  // Set when a write gets through after failed ones; cleared once the orphans it stands for are handed back.
  let backAt: Date | null = null;
  let serverStart: Date | null = null;
  let inFlight: Promise<void> | null = null;
  let stopped = false;

  const write = async () => {
    try {
      const poolIds = [...pools];
      const [row] = await db.$queryRaw<{ at: Date; serverStart: Date }[]>`
        INSERT INTO "WorkerHeartbeat" (id, "poolIds", hostname, pid, "startedAt", "lastSeenAt")
        VALUES (${id}, ${poolIds}::text[], ${os.hostname()}, ${process.pid}, now(), now())
        ON CONFLICT (id) DO UPDATE SET "poolIds" = EXCLUDED."poolIds", "lastSeenAt" = now()
        RETURNING "lastSeenAt" AS at, pg_postmaster_start_time() AS "serverStart"`;
      // Two ways to learn the database was away: a write of ours failed, or the server restarted between two
      // writes (a restart shorter than a heartbeat interval fails none of them, but still swallows completions).
      if (serverStart && row!.serverStart.getTime() !== serverStart.getTime()) backAt = row!.serverStart;
      serverStart = row!.serverStart;
      if (connectedSince === null) {
        connectedSince = Date.now();
        if (failedSinceStart) backAt = row!.at;
        log.info({ worker: id }, 'heartbeat written');
      }
      if (options.activeJobIds && (poolIds.length || formerPools.size)) {
        if (backAt) log.info({ lockedBefore: backAt }, 'the database was away: handing back the jobs whose completion it lost');
        const former = [...formerPools];
        const released = await releaseOrphans(db, {
          pools: poolIds,
          former,
          active: options.activeJobIds(),
          afterMs: options.orphanAfterMs ?? 60_000,
          lockedBefore: backAt,
        });
        backAt = null;
        for (const pool of former) formerPools.delete(pool);
        if (released) log.warn({ released }, 'returned jobs whose completion was lost to a database outage');
      }
    } catch (error) {
      if (connectedSince !== null || !stopped) log.warn({ error: errorText(error) }, 'heartbeat failed; retrying');
      connectedSince = null;
      failedSinceStart = true;
    }
  };

  const beat = () => (inFlight ??= write().finally(() => (inFlight = null)));
  const timer = setInterval(() => void beat(), options.intervalMs);
  timer.unref();
  void beat();

  return {
    id,
    addPool(poolId) {
      pools.add(poolId);
      void beat();
    },
    removePool(poolId) {
      pools.delete(poolId);
      formerPools.add(poolId);
      void beat();
    },
    connectedForMs: () => (connectedSince === null ? 0 : Date.now() - connectedSince),
    beat,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
      try {
        await db.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE id = ${id}`;
      } catch (error) {
        // The database is gone: the row goes stale and the sweep of another process cleans it up.
        log.warn({ error: errorText(error) }, 'could not remove the heartbeat row');
      }
    },
  };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // AggregateError (every address refused) has an empty message; its code says what happened.
  const first = error.message.split('\n').find((l) => l.trim()) ?? '';
  const code = (error as { code?: unknown }).code;
  return (first || (typeof code === 'string' ? code : error.name)).slice(0, 200);
}
