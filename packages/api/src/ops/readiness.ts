// What /readyz answers: may a load balancer send this process traffic? The database answers, every migration
// on disk is applied (a process started from newer code than the schema is not ready), and — unless this
// process runs no worker (RUN_WORKER=false) — at least one worker process somewhere has a recent heartbeat,
// because without one records are stored but nothing is ever sent. /livez only says the process is up.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, type Db } from '@alimflow/db';

export interface ReadinessReport {
  ready: boolean;
  database: 'up' | 'down';
  migrations: 'current' | 'pending' | 'unknown';
  /** Names of migrations on disk not (successfully) applied. */
  pendingMigrations?: string[];
  /** Worker processes with a recent heartbeat; null when not checked (RUN_WORKER=false or database down). */
  liveWorkers: number | null;
  /** What is not ready, in words an operator can act on. */
  problems: string[];
}

export interface ReadinessOptions {
  requireWorker: boolean;
  silentAfterMs: number;
  migrationsDir?: string;
  timeoutMs?: number;
}

function migrationsOnDisk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export function createReadinessCheck(db: Db, options: ReadinessOptions): () => Promise<ReadinessReport> {
  // Read once: the migrations a process knows are those it was started with.
  const expected = migrationsOnDisk(options.migrationsDir ?? path.join(repoRoot, 'prisma', 'migrations'));
  const timeoutMs = options.timeoutMs ?? 2_000;
  return async () => {
    const problems: string[] = [];
    try {
      const [applied, workers] = await withTimeout(
        Promise.all([
          db.$queryRaw<Array<{ name: string }>>`
            SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          options.requireWorker
            ? db.$queryRaw<Array<{ live: bigint }>>`
                SELECT count(*) AS live FROM "WorkerHeartbeat"
                 WHERE "lastSeenAt" > now() - make_interval(secs => ${options.silentAfterMs / 1000}::double precision)`
            : Promise.resolve(null),
        ]),
        timeoutMs,
      );
      const done = new Set(applied.map((m) => m.name));
      const pending = expected.filter((name) => !done.has(name));
      if (pending.length) problems.push(`${pending.length} database migration(s) not applied: run pnpm db:migrate or restart the server`);
      const liveWorkers = workers ? Number(workers[0]?.live ?? 0) : null;
      if (liveWorkers === 0) problems.push('no live worker process: start `pnpm worker` or a server with RUN_WORKER=true');
      return {
        ready: problems.length === 0,
        database: 'up',
        migrations: pending.length ? 'pending' : 'current',
        ...(pending.length ? { pendingMigrations: pending } : {}),
        liveWorkers,
        problems,
      };
    } catch {
      return { ready: false, database: 'down', migrations: 'unknown', liveWorkers: null, problems: ['database unreachable'] };
    }
  };
}
