// The HTTP edge of the security guarantees: whatever bytes arrive, the answer is a 4xx with no internals.
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { buildHttpServer } from '../src/http.ts';

let database: TestDatabase;
let app: RunningApp;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp(
    loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      SEED_ADMIN_EMAIL: 'sec@example.com',
      SEED_ADMIN_PASSWORD: 'security-test-pw',
      SEED_SAMPLE_DATA: 'false',
      RUN_WORKER: 'false',
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

const INTERNALS = /stack|node_modules|\.ts:\d|prisma\.|SELECT |invalid byte sequence/i;

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe('HTTP input handling', () => {
  it.each([
    ['malformed JSON', '{"email": "a@b.test", "password": '],
    ['a NUL byte', JSON.stringify({ email: 'a@b.test', password: 'a\u0000b' })],
    ['a lone surrogate', '{"email":"a@b.test","password":"\\ud800"}'],
    [
      '20,000-deep JSON',
      `{"email":"a@b.test","password":"x","extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    ],
    ['a __proto__ key', '{"email":"a@b.test","password":"x","__proto__":{"admin":true}}'],
  ])('answers %s in a body with 400 and no internals', async (_what, body) => {
    const res = await post('/trpc/auth.login', body);
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it('answers a body over the 1 MiB limit with 413', async () => {
    const res = await post(
      '/trpc/auth.login',
      JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(1_100_000) }),
    );
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(INTERNALS);
  });

  it.each([
    ['broken percent-encoding', '%E0%A4%A'],
    ['invalid UTF-8 (an encoded lone surrogate)', '%22%ED%A0%80%22'],
    ['a JSON-escaped lone surrogate', encodeURIComponent('{"id":"\\udc00"}')],
    ['not JSON', 'nope'],
  ])('answers a query with %s with 4xx and no internals', async (_what, input) => {
    const res = await fetch(`${base}/trpc/partitions.get?input=${input}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).not.toMatch(INTERNALS);
  });

  it('names the problem in the language the client asks for', async () => {
    const body = JSON.stringify({ email: 'a@b.test', password: 'a\u0000b' });
    const ko = JSON.parse((await post('/trpc/auth.login', body)).text) as { error: { message: string } };
    const en = JSON.parse(
      (await post('/trpc/auth.login', body, { 'accept-language': 'en-US,en;q=0.9' })).text,
    ) as { error: { message: string } };
    expect(ko.error.message).toContain('NUL 문자');
    expect(en.error.message).toContain('NUL character');
  });
});

describe('record problems field by field', () => {
  it('a refused record write names each field problem in the caller\'s language, for a form to mark', async () => {
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sec@example.com', password: 'security-test-pw' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const partition = await app.deps.db.partition.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    const fields = partition.fields as { key: string; type: string }[];
    const phone = fields.find((f) => f.type === 'phone')!.key;
    const body = JSON.stringify({ partitionId: partition.id, data: { [phone]: '02-123-4567 내선', 없는필드: 1 } });
    const before = await app.deps.db.record.count();
    type Refusal = { error: { message: string; data: { code: string; fieldProblems: { field: string; message: string }[] } } };
    const ko = JSON.parse((await post('/trpc/records.create', body, { cookie })).text) as Refusal;
    const en = JSON.parse((await post('/trpc/records.create', body, { cookie, 'accept-language': 'en' })).text) as Refusal;
    expect(ko.error.data.code).toBe('BAD_REQUEST');
    expect(ko.error.message).toMatch(/^레코드 값이 올바르지 않습니다: /);
    expect(ko.error.data.fieldProblems).toEqual([
      { field: phone, message: '전화번호가 아닙니다 (전화번호에는 숫자, 공백, "+", "-", "." 와 괄호만 쓸 수 있습니다)' },
      { field: '없는필드', message: expect.stringMatching(/^이 파티션의 필드가 아닙니다 \(필드: /) },
    ]);
    expect(en.error.message).toMatch(/^Invalid record data: /);
    expect(en.error.data.fieldProblems[0]).toEqual({ field: phone, message: 'is not a phone number (Phone number may contain only digits, spaces, "+", "-", "." and parentheses)' });
    expect(await app.deps.db.record.count()).toBe(before);
  });
});

describe('browser protections', () => {
  async function session(): Promise<string> {
    const res = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sec@example.com', password: 'security-test-pw' }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const createToken = (headers: Record<string, string>) =>
    fetch(`${base}/trpc/apiTokens.create`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'csrf' }) });

  it('refuses a cookie-authenticated mutation from another origin and writes nothing', async () => {
    const cookie = await session();
    const before = await app.deps.db.apiToken.count();
    const attempts: Record<string, string>[] = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of attempts) {
      const res = await createToken({ cookie, ...headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/must come from this site/);
    }
    expect(await app.deps.db.apiToken.count()).toBe(before);
  });

  it('accepts the same mutation from its own origin or from a non-browser client, and an API-token call from anywhere', async () => {
    const cookie = await session();
    const own = await createToken({ cookie, origin: base });
    expect(own.status).toBe(200);
    const { token } = ((await own.json()) as { result: { data: { token: string } } }).result.data;
    expect((await createToken({ cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    // Neither header: a script or curl, not a browser page that could be forged.
    expect((await createToken({ cookie })).status).toBe(200);
    expect((await createToken({ authorization: `Bearer ${token}`, origin: 'http://evil.example' })).status).toBe(200);
  });

  it('sends a CSP that allows only its own scripts and forbids framing, plus nosniff', async () => {
    const res = await fetch(`${base}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('client address and protocol behind proxies', () => {
  const login = (url: string, email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });

  it('ignores X-Forwarded-For by default: forging a new address per guess does not escape the per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= 31; i++) {
      const res = await login(base, `guess${i}@x.test`, 'wrong', { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 31).every((s) => s === 401)).toBe(true);
    expect(statuses[31]).toBe(429);
  });

  it('believes the nearest proxy with TRUST_PROXY=1, and marks the cookie Secure when it reports HTTPS', async () => {
    const proxied = await buildHttpServer({
      deps: app.deps,
      trustProxy: loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY,
      webDist: '/nonexistent',
      cronSecret: undefined,
    });
    const url = await proxied.listen({ port: 0, host: '127.0.0.1' });
    try {
      const https = await login(url, 'sec@example.com', 'security-test-pw', {
        'x-forwarded-for': '203.0.113.50',
        'x-forwarded-proto': 'https',
      });
      expect(https.status).toBe(200);
      expect(https.headers.get('set-cookie')).toMatch(/; Secure/i);
      const plain = await login(url, 'sec@example.com', 'security-test-pw', {
        'x-forwarded-for': '203.0.113.50',
      });
      expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/i);
      await login(url, 'nobody@x.test', 'wrong', { 'x-forwarded-for': '203.0.113.51' });
      const keys = (await app.deps.db.loginAttempt.findMany({ select: { key: true } })).map((r) => r.key);
      expect(keys).toContain('ip:203.0.113.51');
    } finally {
      await proxied.close();
    }
  });

  it('refuses a TRUST_PROXY that is neither a hop count nor addresses, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY must be false, a hop count/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
  });
});
