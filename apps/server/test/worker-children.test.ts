// `pnpm start`'s worker process (worker-children.ts), for real: main.ts in its own process starts one, the worker
// runs with the memory settings of process-memory.ts (glibc env and V8 flags, issue 10 RSS) at a lower CPU priority
// (WORKER_NICE), and it ends with the API.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@alimflow/db';
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { MALLOC_ENV, NODE_MEMORY_FLAGS } from '../src/process-memory.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
let db: TestDatabase;
let dataDir: string;
let api: ChildProcess;
let base: string;

const nul = (file: string) => fs.readFile(file, 'utf8').then((s) => s.split('\0').filter(Boolean), () => [] as string[]);
const workerPids = async (pid: number) => {
  const kids = (await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).split(/\s+/).filter(Boolean).map(Number);
  const found: number[] = [];
  for (const kid of kids) if ((await nul(`/proc/${kid}/cmdline`)).some((a) => a.includes('worker-main'))) found.push(kid);
  return found;
};
const until = async (what: string, check: () => Promise<boolean>, ms = 90_000) => {
  const end = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-worker-children-'));
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  // As `pnpm start` runs it: with the memory flags (which the children must not get twice).
  api = spawn(process.execPath, [...NODE_MEMORY_FLAGS, '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn', WORKER_PROCESSES: '1', WEB_DIST: '/nonexistent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await until('the worker process running', async () => {
    const res = await fetch(`${base}/healthz`);
    return res.ok && ((await res.json()) as { worker: string }).worker === 'running';
  });
}, 120_000);

afterAll(async () => {
  if (api?.exitCode === null) api.kill('SIGKILL');
  await db?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('worker processes of pnpm start', () => {
  it('runs the worker with the memory settings and stops it with the API', async () => {
    const [worker, ...others] = await workerPids(api.pid!);
    expect(others).toEqual([]);
    const args = await nul(`/proc/${worker}/cmdline`);
    expect(args.slice(1, 1 + NODE_MEMORY_FLAGS.length)).toEqual(NODE_MEMORY_FLAGS);
    // Given once, though the API itself runs with them under pnpm start.
    for (const flag of NODE_MEMORY_FLAGS) expect(args.filter((a) => a === flag)).toHaveLength(1);
    // `pnpm start` and `pnpm worker` pass the same flags as this module says.
    const scripts = (JSON.parse(await fs.readFile(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const script of [scripts.start!, scripts.worker!]) expect(script).toContain(`exec node ${NODE_MEMORY_FLAGS.join(' ')} dist/`);
    const env = await nul(`/proc/${worker}/environ`);
    for (const [name, value] of Object.entries(MALLOC_ENV)) expect(env).toContain(`${name}=${process.env[name] ?? value}`);
    // Below the API in CPU priority (WORKER_NICE, default 10); the API itself stays as it was started.
    expect(os.getPriority(worker)).toBe(Math.max(10, os.getPriority()));
    expect(os.getPriority(api.pid)).toBe(os.getPriority());

    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
    await until('the worker process gone', async () => (await fs.stat(`/proc/${worker}`).then(() => false, () => true)), 20_000);
  }, 60_000);

  it('takes WORKER_NICE from 0 to 19 and says what to set otherwise', () => {
    expect(loadConfig({}).WORKER_NICE).toBe(10);
    expect(loadConfig({ WORKER_NICE: '0' }).WORKER_NICE).toBe(0);
    for (const bad of ['20', '-1', 'low', '2.5']) expect(() => loadConfig({ WORKER_NICE: bad })).toThrow(/WORKER_NICE must be a whole number from 0 \(normal priority\) to 19 \(lowest\)/);
  });
});
