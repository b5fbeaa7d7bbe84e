// The real thing, as separate OS processes a drill can kill: an embedded Postgres the drill can restart, the API
// (`src/main.ts`) and worker processes (`src/worker-main.ts`) as children, and the fake NHN in the drill's own
// process so its record of what it received can be compared with the SendLogs.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sandboxCredentials, startFakeNhnServer, type FakeNhnServer } from '@alimflow/alimtalk/fake';
import {
  createPrismaClient,
  findFreePort,
  migrateDatabase,
  startEmbeddedPostgres,
  type Db,
  type EmbeddedDatabase,
} from '@alimflow/db';

const serverDir = path.resolve(import.meta.dirname, '../..');
export const CRON_SECRET = 'drill-cron-secret-0123456789';
export const ADMIN = { email: 'drill@example.com', password: 'drill-password' };

export interface ClusterOptions {
  /** Seconds of heartbeat silence before a worker is presumed dead (the app's WORKER_SILENT_AFTER_S). */
  silentAfterS?: number;
  workerConcurrency?: number;
  sendRetryBaseMs?: number;
  /** Extra environment for every app process. */
  env?: Record<string, string>;
}

export interface AppProcess {
  readonly name: string;
  readonly pid: number | undefined;
  alive(): boolean;
  /** kill -9: no shutdown hook runs. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit; returns how long the shutdown took. */
  stop(): Promise<number>;
  exitCode(): number | null;
}

export interface Cluster {
  dir: string;
  pgUrl: string;
  db: Db;
  fake: FakeNhnServer;
  /** Base URL of the API process (set once startApi resolved). */
  baseUrl: string;
  startApi(options?: { allInOne?: boolean }): Promise<AppProcess>;
  startWorker(): Promise<AppProcess>;
  /** The running API process and worker processes, starting (in parallel) whatever is missing. */
  ensure(want: { workers: number }): Promise<{ api: AppProcess; workers: AppProcess[] }>;
  /** Stops Postgres (fast shutdown: open connections are terminated), waits `downMs`, starts it again. */
  restartPostgres(downMs?: number): Promise<void>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-drill-'));
  const pgPort = await findFreePort();
  let pg: EmbeddedDatabase | null = null;
  const startPostgres = async () => {
    pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: pgPort, database: 'alimflow' });
  };
  await startPostgres();
  const pgUrl = pg!.url;
  await migrateDatabase(pgUrl, { quiet: true });
  const db = createPrismaClient(pgUrl, { max: 10, onPoolError: () => {} });
  const fake = await startFakeNhnServer({
    ...sandboxCredentials,
    deliveryDelayMs: 200,
    maxStoredMessages: 1_000_000,
  });
  const processes: AppProcess[] = [];
  let api: AppProcess | null = null;
  let apiPort = 0;
  let counter = 0;

  const appSecretKey = randomBytes(32).toString('base64');
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: pgUrl,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    CRON_SECRET,
    // One key for every process of the cluster, as a scale-out install must have.
    APP_SECRET_KEY: appSecretKey,
    SEED_ADMIN_EMAIL: ADMIN.email,
    SEED_ADMIN_PASSWORD: ADMIN.password,
    SEED_SAMPLE_DATA: 'false',
    SANDBOX_NHN_URL: fake.url,
    WEB_DIST: path.join(dir, 'no-spa'),
    WORKER_SILENT_AFTER_S: String(options.silentAfterS ?? 60),
    WORKER_CONCURRENCY: String(options.workerConcurrency ?? 5),
    SEND_RETRY_BASE_MS: String(options.sendRetryBaseMs ?? 5_000),
    ...options.env,
    ...extra,
  });

  const spawnApp = (name: string, entry: string, extra: Record<string, string>): AppProcess => {
    const log = createWriteStream(path.join(dir, `${name}.log`));
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(serverDir, 'src', entry)],
      {
        cwd: serverDir,
        env: env(extra),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const proc: AppProcess = {
      name,
      pid: child.pid,
      alive: () => child.exitCode === null && child.signalCode === null,
      exitCode: () => child.exitCode,
      async kill9() {
        child.kill('SIGKILL');
        await exited;
      },
      async stop() {
        const t0 = performance.now();
        if (proc.alive()) {
          child.kill('SIGTERM');
          await exited;
        }
        return performance.now() - t0;
      },
    };
    processes.push(proc);
    return proc;
  };

  const cluster: Cluster = {
    dir,
    pgUrl,
    db,
    fake,
    baseUrl: '',
    async startApi({ allInOne = false } = {}) {
      apiPort ||= await findFreePort();
      cluster.baseUrl = `http://127.0.0.1:${apiPort}`;
      const proc = spawnApp(`${allInOne ? 'app' : 'api'}-${++counter}`, 'main.ts', {
        PORT: String(apiPort),
        RUN_WORKER: String(allInOne),
        // "All in one" means one process: the drills kill it and count on its worker dying with it.
        WORKER_PROCESSES: '0',
      });
      await waitFor(
        async () => (await fetch(`${cluster.baseUrl}/healthz`).catch(() => null))?.ok === true,
        90_000,
        `${proc.name} healthy`,
        proc,
      );
      api = proc;
      return proc;
    },
    async ensure({ workers }) {
      const running = processes.filter((p) => p.alive() && p.name.startsWith('worker-'));
      const [apiProc, ...started] = await Promise.all([
        api?.alive() ? api : cluster.startApi(),
        ...Array.from({ length: Math.max(0, workers - running.length) }, () => cluster.startWorker()),
      ]);
      return { api: apiProc, workers: [...running, ...started] };
    },
    async startWorker() {
      const proc = spawnApp(`worker-${++counter}`, 'worker-main.ts', {});
      await waitFor(
        async () =>
          (await db.workerHeartbeat
            .count({ where: { pid: proc.pid!, NOT: { poolIds: { isEmpty: true } } } })
            .catch(() => 0)) > 0,
        90_000,
        `${proc.name} heartbeat`,
        proc,
      );
      return proc;
    },
    async stopPostgres() {
      await pg?.stop();
      pg = null;
    },
    startPostgres,
    async restartPostgres(downMs = 0) {
      await cluster.stopPostgres();
      if (downMs) await sleep(downMs);
      await startPostgres();
    },
    async close() {
      for (const p of processes) if (p.alive()) await p.kill9();
      await db.$disconnect().catch(() => {});
      await fake.close();
      await pg?.stop();
      // DRILL_KEEP=1 keeps the data directory and each process's log for a look after a failed drill.
      if (process.env.DRILL_KEEP) console.log(`  kept ${dir}`);
      else await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  label: string,
  proc?: AppProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (proc && !proc.alive())
      throw new Error(`${proc.name} exited (code ${proc.exitCode()}) before ${label}`);
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
}
