// The app under test, as `pnpm start` runs it: main.ts in its own process (with its worker child processes), on a
// Postgres and a fake NHN owned by the bench, so the bench can count statements and see when NHN received a line.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxCredentials, startFakeNhnServer, type FakeNhnServer } from '@alimflow/alimtalk/fake';
import { createPrismaClient, findFreePort, startEmbeddedPostgres, type PrismaClient } from '@alimflow/db';
import { MALLOC_ENV, NODE_MEMORY_FLAGS } from '../../src/process-memory.ts';
import { sleep, waitFor } from './stats.ts';

// As `pnpm start` runs it: the compiled server (build.mjs, run by `pnpm bench` first); BENCH_TSX=1 runs the sources
// through tsx instead, as `pnpm start` did before (for before/after figures).
const TSX = process.env.BENCH_TSX === '1';
const MAIN = fileURLToPath(new URL(TSX ? '../../src/main.ts' : '../../dist/main.js', import.meta.url));
export const ADMIN = { email: 'bench@example.com', password: 'bench-password' };
export const CRON_SECRET = 'bench-cron-secret-0123456789';

export interface BenchApp {
  base: string;
  databaseUrl: string;
  db: PrismaClient;
  nhn: FakeNhnServer;
  cookie: string;
  orgId: string;
  /** Postgres log lines that are statements, counted since the last reset (see countStatements). */
  statements: { count: number; counting: boolean; trace?: ((line: string) => void) | undefined };
  /** The API process and its worker children. */
  pids(): Promise<number[]>;
  /** CPU seconds Postgres has used so far: the postmaster, its live backends and the ones that exited. */
  pgCpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export async function startBenchApp(options: { workerProcesses: number }): Promise<BenchApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-bench-'));
  const statements: BenchApp['statements'] = { count: 0, counting: false };
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    ephemeral: true,
    // BENCH_PG_STATEMENTS=1: pg_stat_statements loaded, for probe.ts to print where Postgres spends its time.
    ...(process.env.BENCH_PG_STATEMENTS === '1' ? { settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.track_planning': 'on' } } : {}),
    // log_statement = all only while counting (ALTER SYSTEM + reload); a line per statement, top-level.
    onLog: (m) => {
      if (statements.counting) for (const line of m.split('\n')) if (/LOG:\s+(statement|execute [^:]*):/.test(line)) statements.count += 1;
      statements.trace?.(m);
    },
  });
  const nhn = await startFakeNhnServer({ port: 0, ...sandboxCredentials, deliveryDelayMs: 100, maxStoredMessages: 200_000 });
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, [...NODE_MEMORY_FLAGS, ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(TSX ? ['--import', 'tsx'] : []), MAIN], {
    // The Node flags and malloc settings `pnpm start` runs main.js with.
    env: {
      ...MALLOC_ENV,
      ...process.env,
      PORT: String(port),
      DATABASE_URL: pg.url,
      DATA_DIR: dataDir,
      SANDBOX_NHN_URL: nhn.url,
      SEED_ADMIN_EMAIL: ADMIN.email,
      SEED_ADMIN_PASSWORD: ADMIN.password,
      SEED_SAMPLE_DATA: 'false',
      CRON_SECRET,
      LOG_LEVEL: 'warn',
      WORKER_PROCESSES: String(options.workerProcesses),
      WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '5',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the app answering /healthz', async () => {
    const res = await fetch(`${base}/healthz`).catch(() => null);
    return !!res && res.ok && ((await res.json()) as { worker: string }).worker === 'running';
  }, 180_000, 250);
  const db = createPrismaClient(pg.url, { max: 10 });
  // The worker processes are up once they beat (a child compiles and connects for a while on a loaded machine).
  await waitFor('the worker processes beating', async () => (await db.workerHeartbeat.count()) >= options.workerProcesses, 180_000, 250);
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });

  const pids = async () => {
    const children = await fs.readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').catch(() => '');
    const kids = children.split(/\s+/).filter(Boolean).map(Number);
    const nodeKids: number[] = [];
    for (const pid of kids) {
      const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmd.includes('worker-main')) nodeKids.push(pid);
    }
    return [child.pid!, ...nodeKids];
  };

  const ticks = async (pid: number, withChildren: boolean) => {
    const f = (await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ') ')).split(') ')[1]!.split(' ');
    return [11, 12, ...(withChildren ? [13, 14] : [])].reduce((sum, i) => sum + (Number(f[i]) || 0), 0);
  };
  const pgCpuSeconds = async () => {
    const postmaster = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const kids = (await fs.readFile(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').catch(() => '')).split(/\s+/).filter(Boolean).map(Number);
    let total = await ticks(postmaster, true);
    for (const pid of kids) total += await ticks(pid, false);
    return total / 100;
  };

  return {
    base,
    databaseUrl: pg.url,
    pgCpuSeconds,
    db,
    nhn,
    cookie,
    orgId: admin.orgId,
    statements,
    pids,
    async stop() {
      await db.$disconnect();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await nhn.close();
      await pg.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Counts the statements every client sends while `run` runs (Postgres's log, log_statement = all). */
export async function countStatements(app: BenchApp, run: () => Promise<void>): Promise<number> {
  await app.db.$executeRawUnsafe(`ALTER SYSTEM SET log_statement = 'all'`);
  await app.db.$executeRawUnsafe(`SELECT pg_reload_conf()`);
  await sleep(300);
  app.statements.count = 0;
  app.statements.counting = true;
  try {
    await run();
  } finally {
    app.statements.counting = false;
    await app.db.$executeRawUnsafe(`ALTER SYSTEM RESET log_statement`);
    await app.db.$executeRawUnsafe(`SELECT pg_reload_conf()`);
  }
  return app.statements.count;
}

/** Resident memory of the app's processes (API + workers), in MiB. */
export async function rssMiB(pids: number[]): Promise<number> {
  let kb = 0;
  for (const pid of pids) {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  }
  return kb / 1024;
}
