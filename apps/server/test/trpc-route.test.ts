// A single JSON mutation is answered by trpc-route.ts itself, everything else by tRPC's Fastify handler. A client
// must not be able to tell them apart: each request here is sent twice — as is (the direct call) and with a query
// string tRPC ignores (`?via=adapter`, which trpc-route.ts leaves to the adapter) — and both answers must match.
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let database: TestDatabase;
let app: RunningApp;
let cookie: string;
let partitionId: string;
let phoneKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp(
    loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      SEED_ADMIN_EMAIL: 'route@example.com',
      SEED_ADMIN_PASSWORD: 'route-test-pw',
      SEED_SAMPLE_DATA: 'false',
      RUN_WORKER: 'false',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
    }),
  );
  const login = await send('/trpc/auth.login', JSON.stringify({ email: 'route@example.com', password: 'route-test-pw' }));
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const partition = await app.deps.db.partition.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
  partitionId = partition.id;
  phoneKey = (partition.fields as { key: string; type: string }[]).find((f) => f.type === 'phone')!.key;
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

function send(path: string, body: string | undefined, headers: Record<string, string> = {}) {
  return fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
}

/** The parts of an answer a client reads; ids and times that differ between two writes are masked. */
async function answer(res: Response) {
  const text = await res.text();
  const masked = text
    .replace(/"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g, '"<uuid>"')
    .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"')
    .replace(/"010-?\d{4}-?\d{4}"/g, '"<phone>"');
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    retryAfter: res.headers.get('retry-after'),
    setsCookie: res.headers.has('set-cookie'),
    body: masked,
  };
}

async function bothWays(path: string, body: () => string | undefined, headers: Record<string, string> = {}) {
  const direct = await answer(await send(path, body(), headers));
  const adapter = await answer(await send(`${path}?via=adapter`, body(), headers));
  return { direct, adapter };
}

let phone = 0;
const record = (data: Record<string, unknown> = {}) => () =>
  JSON.stringify({ partitionId, data: { 이름: '경로고객', [phoneKey]: `010-7000-${String(phone++).padStart(4, '0')}`, ...data } });

describe('a single JSON mutation answered directly, as tRPC would', () => {
  it.each<[string, string, () => string | undefined, Record<string, string>?]>([
    ['a created record', '/trpc/records.create', record(), { cookie: 'set below' }],
    ['record data a field refuses (Korean)', '/trpc/records.create', record({ 없는필드: 1 }), { cookie: 'set below' }],
    ['record data a field refuses (English)', '/trpc/records.create', record({ 없는필드: 1 }), { cookie: 'set below', 'accept-language': 'en' }],
    ['an input the schema refuses', '/trpc/records.create', () => JSON.stringify({ partitionId: 'not-a-uuid', data: [] }), { cookie: 'set below' }],
    ['an unknown partition', '/trpc/records.create', () => JSON.stringify({ partitionId: '00000000-0000-4000-8000-000000000000', data: {} }), { cookie: 'set below' }],
    ['no session', '/trpc/records.create', record(), {}],
    ['malformed JSON', '/trpc/records.create', () => '{"partitionId": ', { cookie: 'set below' }],
    ['an empty body', '/trpc/records.create', () => undefined, { cookie: 'set below' }],
    ['a NUL byte', '/trpc/records.create', record({ 이름: 'a\u0000b' }), { cookie: 'set below', 'accept-language': 'en' }],
    ['a sign-in (sets the session cookie)', '/trpc/auth.login', () => JSON.stringify({ email: 'route@example.com', password: 'route-test-pw' }), {}],
    ['a wrong password', '/trpc/auth.login', () => JSON.stringify({ email: 'route@example.com', password: 'wrong-password' }), {}],
    ['a query sent as POST', '/trpc/partitions.list', () => '{}', { cookie: 'set below' }],
    ['an unknown procedure', '/trpc/records.nope', () => '{}', { cookie: 'set below' }],
  ])('%s', async (_what, path, body, headers = {}) => {
    const withSession = headers.cookie ? { ...headers, cookie } : headers;
    const { direct, adapter } = await bothWays(path, body, withSession);
    expect(direct).toEqual(adapter);
  });

  it('writes the record once per call, on either path', async () => {
    const before = await app.deps.db.record.count({ where: { partitionId } });
    const { direct } = await bothWays('/trpc/records.create', record(), { cookie });
    expect(direct.status).toBe(200);
    expect(await app.deps.db.record.count({ where: { partitionId } })).toBe(before + 2);
  });

});
