// The whole server as `pnpm start` runs it (minus embedded Postgres: a cloned test database via DATABASE_URL),
// exercised over real HTTP.
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

const CRON_SECRET = 'test-cron-secret-0123456789';
let database: TestDatabase;
let app: RunningApp;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp(
    loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      CRON_SECRET,
      SEED_ADMIN_EMAIL: 'boss@example.com',
      SEED_ADMIN_PASSWORD: 'server-test-pw',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
    }),
  );
  base = app.url!;
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

async function trpc(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { result?: { data: unknown }; error?: { message: string } }, res };
}

describe('HTTP server', () => {
  it('answers /healthz after checking the database', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'up', worker: 'running' });
  });

  it('logs the seeded admin in over plain-JSON tRPC and keeps the session in an httpOnly cookie', async () => {
    const login = await trpc('auth.login', { email: 'boss@example.com', password: 'server-test-pw' });
    expect(login.status).toBe(200);
    const cookie = login.res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/alimflow_session=.+; .*HttpOnly/i);
    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { result: { data: { user: { email: string } } } }).result.data.user.email).toBe('boss@example.com');
  });

  it('gives 401 for a wrong password and for a missing session, without stack traces', async () => {
    const wrong = await trpc('auth.login', { email: 'boss@example.com', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('stack');
    const me = await fetch(`${base}/trpc/auth.me`);
    expect(me.status).toBe(401);
  });

  it('gives 400 with the zod message for malformed input', async () => {
    const bad = await trpc('auth.login', { email: 'x', password: 'y' });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toContain('valid email');
  });

  it('protects the repeat endpoint with CRON_SECRET (constant-time) and runs the sweep with it', async () => {
    const url = `${base}/api/alimtalk/automation/process-repeats`;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { authorization: 'Bearer wrong-secret' } })).status).toBe(401);
    const ok = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ processed: 0, sent: 0, completed: 0, cancelled: 0 });
  });

  it('registers its cron entries under fixed ids and runs jobs through the real worker', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await new Promise((r) => setTimeout(r, 500));
      const { rows } = await client.query<{ identifier: string }>('SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY 1');
      expect(rows.map((r) => r.identifier)).toEqual(['alimtalk.poll-delivery', 'automation.process-repeats', 'retention.purge', 'sessions.purge-expired', 'worker.recover-silent']);
      // An expired session, then the purge task through the queue: the worker picks it up and removes it.
      const user = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'boss@example.com'`);
      await client.query(
        `INSERT INTO "Session" (id, "userId", "tokenHash", "expiresAt") VALUES (gen_random_uuid(), $1, 'expired-hash', now() - interval '1 hour')`,
        [user.rows[0]!.id],
      );
      await client.query(`SELECT graphile_worker.add_job('sessions.purge-expired', '{}'::json)`);
      const deadline = Date.now() + 10_000;
      let left = 1;
      while (left && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        left = (await client.query(`SELECT 1 FROM "Session" WHERE "tokenHash" = 'expired-hash'`)).rowCount ?? 0;
      }
      expect(left).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('the first start seeds sample rules and leads that go through the sandbox end to end', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const deadline = Date.now() + 15_000;
      let rows: { triggerType: string; status: string; reason: string | null }[] = [];
      while (Date.now() < deadline) {
        rows = (
          await client.query<{ triggerType: string; status: string; reason: string | null }>(
            `SELECT "triggerType", status, reason FROM "AlimtalkSendLog" WHERE status <> 'pending' ORDER BY "recipientNo"`,
          )
        ).rows;
        if (rows.length >= 4) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Two welcomes accepted (or already delivered), the landline lead skipped with its reason, one reminder.
      expect(rows.filter((r) => r.reason === 'invalid_phone')).toHaveLength(1);
      expect(rows.filter((r) => r.triggerType === 'auto' && r.status !== 'skipped')).toHaveLength(3);
      const series = await client.query(`SELECT status, "repeatCount" FROM "AlimtalkAutomationQueue"`);
      expect(series.rows).toEqual([{ status: 'pending', repeatCount: 0 }]);
    } finally {
      await client.end();
    }
  });

  it('seeds idempotently: a second start with the same database keeps one org and the admin', async () => {
    const second = await startApp(
      loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', RUN_WORKER: 'false', SEED_ADMIN_EMAIL: 'boss@example.com', WEB_DIST: '/nonexistent' }),
    );
    await second.stop();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM "Org"')).rows[0]).toEqual({ n: 1 });
      expect((await client.query('SELECT count(*)::int AS n FROM "AlimtalkTemplate"')).rows[0]).toEqual({ n: 5 });
    } finally {
      await client.end();
    }
  });
});

describe('configuration', () => {
  it('fails with a message that says what to set', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', CRON_SECRET: 'short', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/CRON_SECRET must be at least 16 characters/);
    expect(attempt).toThrow(/DATABASE_URL must look like postgresql:\/\//);
  });

  it('treats empty variables as unset and applies defaults', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RUN_WORKER).toBe(true);
  });
});
