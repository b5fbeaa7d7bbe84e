// A full scenario at the most verbose level — seeded leads and a lead created over HTTP are evaluated and sent,
// a job with personal data in its payload fails — and the captured log holds no name or phone number.
import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let database: TestDatabase;
let app: RunningApp;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  app = await startApp(
    loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      SEED_ADMIN_EMAIL: 'logs@example.com',
      SEED_ADMIN_PASSWORD: 'log-privacy-pw',
      SANDBOX_DELIVERY_DELAY_MS: '100',
      LOG_LEVEL: 'trace',
      WEB_DIST: '/nonexistent',
    }),
    { logDestination: destination },
  );
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

async function waitFor<T>(check: () => Promise<T | undefined>, label: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${label}`);
}

describe('log privacy', () => {
  it('logs ids and counts only: no name or phone number at trace level through sends and a failed job', async () => {
    const base = app.url!;
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'logs@example.com', password: 'log-privacy-pw' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const auth = { cookie, origin: base, 'content-type': 'application/json' };
    const partitions = (await (await fetch(`${base}/trpc/partitions.list`, { headers: auth })).json()) as { result: { data: { id: string }[] } };
    const partitionId = partitions.result.data[0]!.id;
    const created = await fetch(`${base}/trpc/records.create`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ partitionId, data: { 이름: '최보안', 전화번호: '010-7777-5555', 상태: '신규' } }),
    });
    expect(created.status).toBe(200);
    await fetch(`${base}/trpc/records.list?input=${encodeURIComponent(JSON.stringify({ partitionId, search: '최보안' }))}`, { headers: auth });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `SELECT graphile_worker.add_job('automation.evaluate', '{"after":{"이름":"한비밀","전화번호":"01099998888"}}'::json, max_attempts := 1)`,
      );
      await waitFor(async () => {
        const { rows } = await client.query(`SELECT 1 FROM "AlimtalkSendLog" WHERE "recipientNo" = '01077775555' AND status IN ('accepted', 'delivered')`);
        return rows.length > 0 ? true : undefined;
      }, 'the new lead to be sent');
      await waitFor(() => Promise.resolve(lines.some((l) => l.includes('Failed task')) ? true : undefined), 'the bad job to fail');
    } finally {
      await client.end();
    }

    const log = lines.join('');
    expect(log).toContain('Completed task'); // the worker did log its jobs, just without payloads
    for (const personal of ['최보안', '한비밀', '김민수', '이서연', '01077775555', '010-7777-5555', '01099998888', '01020000001', '010-2000-0001']) {
      expect(log, `the log contains ${personal}`).not.toContain(personal);
    }
  });
});
