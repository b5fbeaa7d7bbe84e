// Operating AlimFlow: /metrics after a real scenario (sample leads created while no worker runs, then a worker
// with one NHN failure injected in the fake), /livez and /readyz (503 while Postgres is stopped, 200 after),
// and request / job ids on log lines. Real processes' parts: embedded Postgres this file can stop, the worker,
// HTTP to the fake NHN.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { findFreePort, migrateDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '@alimflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { metricsAccess } from '../src/ops-routes.ts';

const REFUSED_CODE = -3014; // not transient in classifyNhnCode: the send fails for good
let dir: string;
let pg: EmbeddedDatabase;
let api: RunningApp;
let worker: RunningApp | null = null;
const logLines: Array<Record<string, unknown>> = [];

const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

const env = (extra: Record<string, string> = {}) =>
  loadConfig({
    DATABASE_URL: pg.url,
    PORT: '0',
    LOG_LEVEL: 'info',
    WEB_DIST: '/nonexistent',
    SEED_ADMIN_EMAIL: 'ops@example.com',
    SEED_ADMIN_PASSWORD: 'ops-test-password',
    WORKER_SILENT_AFTER_S: '3',
    SANDBOX_DELIVERY_DELAY_MS: '100000',
    ...extra,
  });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-ops-'));
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), database: 'alimflow' });
  await migrateDatabase(pg.url, { quiet: true });
  // The API alone first: the sample leads' record events wait in the queue, so the lag is there to see.
  api = await startApp(env({ RUN_WORKER: 'false' }), { opsCacheMs: 0, logDestination: capture });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await pg?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function scrape(base: string): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** The value of one series, e.g. value(text, 'alimflow_sends', { status: 'failed' }); undefined when absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have: Record<string, string> = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v) && Object.keys(have).length === Object.keys(labels).length) return Number(match[3]);
  }
  return undefined;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(200);
    last = await read();
  }
  return last;
}

describe('/metrics after a scenario', () => {
  it('shows the evaluation lag growing while record events wait for a worker', async () => {
    const first = await scrape(api.url!);
    expect(value(first, 'alimflow_ops_snapshot_up')).toBe(1);
    // The demo's three sample leads were created and one of them updated: four record events.
    expect(value(first, 'alimflow_queue_depth', { task: 'automation.evaluate' })).toBe(4);
    expect(value(first, 'alimflow_live_workers')).toBe(0);
    const lag1 = value(first, 'alimflow_evaluation_lag_seconds')!;
    expect(lag1).toBeGreaterThan(0);
    await sleep(1_100);
    const lag2 = value(await scrape(api.url!), 'alimflow_evaluation_lag_seconds')!;
    expect(lag2).toBeGreaterThanOrEqual(lag1 + 1);
    // Process metrics of this process come with it.
    expect(value(first, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts sends by status and NHN code once a worker runs, and the worker times its NHN calls', async () => {
    api.fakeNhn!.faults.inject({ kind: 'nhnError', resultCode: REFUSED_CODE, scope: 'send' });
    worker = await startApp(env({ RUN_WORKER: 'true', SEED_DEMO: 'false', SANDBOX_NHN_URL: api.sandboxUrl, METRICS_PORT: '0' }), {
      http: false,
      opsCacheMs: 0,
      logDestination: capture,
    });
    const settled = await until(
      'the sample leads to be evaluated and sent',
      () => scrape(api.url!),
      // The queue depth is part of "settled", not checked after it: lag and depth are read by two statements at once,
      // so the scrape in which the last evaluate job is deleted can show lag 0 beside a depth of 1.
      (t) =>
        value(t, 'alimflow_evaluation_lag_seconds') === 0 &&
        (value(t, 'alimflow_queue_depth', { task: 'automation.evaluate' }) ?? 0) === 0 &&
        (value(t, 'alimflow_sends', { status: 'pending' }) ?? 0) === 0 &&
        value(t, 'alimflow_sends', { status: 'failed' }) !== undefined,
    );
    expect(value(settled, 'alimflow_live_workers')).toBe(1);
    const failed = value(settled, 'alimflow_sends', { status: 'failed' })!;
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(value(settled, 'alimflow_sends_by_result_code', { status: 'failed', code: String(REFUSED_CODE) })).toBe(failed);
    // The same figures from the database itself, not from this process's memory.
    const rows = await api.deps.db.alimtalkSendLog.groupBy({ by: ['status'], _count: { _all: true } });
    for (const row of rows) expect(value(settled, 'alimflow_sends', { status: row.status })).toBe(row._count._all);

    // NHN call latency and recipients are the worker's own series, scraped from its METRICS_PORT.
    const own = await scrape(worker.url!);
    expect(value(own, 'alimflow_nhn_request_duration_seconds_count', { operation: 'send', outcome: 'permanent' })).toBe(1);
    expect(value(own, 'alimflow_nhn_recipients_per_call_sum')).toBeGreaterThanOrEqual(failed);
    // The API process made no NHN call.
    expect(value(await scrape(api.url!), 'alimflow_nhn_recipients_per_call_count')).toBe(0);
  }, 60_000);

  it('counts sign-in attempts and failures, never labelled with who tried', async () => {
    const login = (password: string) =>
      fetch(`${api.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ops@example.com', password }) });
    expect((await login('wrong-password')).status).toBe(401);
    expect((await login('ops-test-password')).status).toBe(200);
    const text = await scrape(api.url!);
    expect(value(text, 'alimflow_login_attempts_total', { result: 'checked' })).toBe(2);
    expect(value(text, 'alimflow_login_successes_total')).toBe(1);
    expect(value(text, 'alimflow_login_failures')).toBe(1);
    expect(text).not.toContain('ops@example.com');
  });

  it('answers only loopback callers without a token, and refuses requests relayed by a proxy', async () => {
    expect((await fetch(`${api.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress } });
    expect(metricsAccess(req('::ffff:127.0.0.1'), undefined)).toBe('ok');
    expect(metricsAccess(req('10.0.0.5'), undefined)).toBe('forbidden');
    expect(metricsAccess(req('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined)).toBe('forbidden');
    // With METRICS_TOKEN: the token from anywhere, nothing without it (loopback included).
    const token = 'metrics-token-0123456789';
    expect(metricsAccess(req('127.0.0.1'), token)).toBe('unauthorized');
    expect(metricsAccess(req('203.0.113.9', { authorization: 'Bearer wrong-token-0123456789' }), token)).toBe('unauthorized');
    expect(metricsAccess(req('203.0.113.9', { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' }), token)).toBe('ok');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});

describe('log correlation', () => {
  it('puts the request id on the lines of a request and hands it back', async () => {
    const res = await fetch(`${api.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc.123' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'ops-test-password' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(logLines.find((l) => l.msg === 'user signed in' && l.reqId === 'trace-abc.123')).toBeDefined();
    // An id that is not a plain token is replaced, not logged.
    const odd = await fetch(`${api.url}/livez`, { headers: { 'x-request-id': 'a b\u00e9' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the job id and task on the lines a job writes', () => {
    const line = logLines.find((l) => l.msg === 'send batch processed');
    expect(line).toMatchObject({ task: 'alimtalk.send', jobId: expect.stringMatching(/^\d+$/) });
  });
});

describe('/livez and /readyz', () => {
  it('is ready with the database up, migrations applied and (for a worker process) a live worker', async () => {
    expect(await (await fetch(`${api.url}/livez`)).json()).toEqual({ ok: true });
    const apiReady = await fetch(`${api.url}/readyz`);
    expect(apiReady.status).toBe(200);
    expect(await apiReady.json()).toEqual({ ready: true, database: 'up', migrations: 'current', liveWorkers: null, problems: [] });
    const workerReady = await fetch(`${worker!.url}/readyz`);
    expect(workerReady.status).toBe(200);
    expect(await workerReady.json()).toMatchObject({ ready: true, liveWorkers: 1 });
  });

  it('answers 503 naming the database while Postgres is stopped, and 200 again after', async () => {
    await pg.stop();
    try {
      const down = await fetch(`${api.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ ready: false, database: 'down', problems: ['database unreachable'] });
      // Still alive: a supervisor must not restart a process that is only waiting for its database.
      expect((await fetch(`${api.url}/livez`)).status).toBe(200);
      const metrics = await scrape(api.url!);
      expect(value(metrics, 'alimflow_ops_snapshot_up')).toBe(0);
    } finally {
      pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: Number(new URL(pg.url).port), database: 'alimflow' });
    }
    await until('/readyz to answer 200', async () => (await fetch(`${api.url}/readyz`)).status, (s) => s === 200);
    await until('the worker to be ready again', async () => (await fetch(`${worker!.url}/readyz`)).status, (s) => s === 200);
  }, 60_000);
});
