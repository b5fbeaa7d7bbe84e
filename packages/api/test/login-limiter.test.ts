// The sign-in limiter slows the address that fails, never the account: an attacker failing against the admin's
// email cannot keep the admin out, and the counts are shared by every process through Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLimiter, DEFAULT_LOGIN_POLICY, limiterKeys } from '../src/auth/rate-limit.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';

let clock = new Date('2026-12-01T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const policy = { ...DEFAULT_LOGIN_POLICY, pairFree: 3, addressFree: 10, baseDelayMs: 1000, maxDelayMs: 8000 };

let h: Harness;
let org: TestOrg;
let email: string;
beforeAll(async () => {
  h = await createHarness({ now: () => clock, loginPolicy: policy });
  org = await h.createOrg('로그인 제한');
  email = (await h.db.user.findUniqueOrThrow({ where: { id: org.adminId } })).email;
});
afterAll(() => h.close());

const login = (ip: string, password: string) =>
  h.callerWithCookie(undefined, { ip }).auth.login({ email, password });
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (e: { code: string; message: string }) =>
      e.code === 'TOO_MANY_REQUESTS' ? `wait ${/(\d+) seconds/.exec(e.message)?.[1]}` : e.code,
  );

describe('login limiter', () => {
  it('lets the admin in from a clean address while an attacker keeps failing against the same email', async () => {
    const attacker: string[] = [];
    for (let i = 0; i < 40; i++) {
      attacker.push(await outcome(login('203.0.113.7', `guess-${i}`)));
      advance(2_000);
    }
    expect(attacker.filter((r) => r.startsWith('wait ')).length).toBeGreaterThan(20);
    expect(await outcome(login('198.51.100.20', 'correct horse battery'))).toBe('ok');
  });

  it('delays an (email, address) pair progressively after its free attempts: 1 s, 2 s, 4 s, capped', async () => {
    const ip = '192.0.2.10';
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push(await outcome(login(ip, 'wrong')));
    for (const wait of [1, 2, 4, 8, 8]) {
      seen.push(await outcome(login(ip, 'wrong'))); // counted, sets the next delay
      seen.push(await outcome(login(ip, 'wrong'))); // refused at once
      advance(wait * 1000);
    }
    expect(seen).toEqual([
      ...['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED'],
      ...[
        'UNAUTHORIZED',
        'wait 1',
        'UNAUTHORIZED',
        'wait 2',
        'UNAUTHORIZED',
        'wait 4',
        'UNAUTHORIZED',
        'wait 8',
        'UNAUTHORIZED',
        'wait 8',
      ],
    ]);
    // The right password once the delay has passed: signed in, and the pair starts from zero again.
    expect(await outcome(login(ip, 'correct horse battery'))).toBe('ok');
    expect(await h.db.loginAttempt.findUnique({ where: { key: limiterKeys(email, ip).pair } })).toBeNull();
  });

  it('limits one address across many emails, and forgets it after an hour without failures', async () => {
    const ip = '192.0.2.99';
    const results: string[] = [];
    for (let i = 0; i < 12; i++) {
      results.push(
        await outcome(
          h.callerWithCookie(undefined, { ip }).auth.login({ email: `nobody${i}@x.test`, password: 'x' }),
        ),
      );
    }
    expect(results.slice(0, 11)).toEqual(Array<string>(11).fill('UNAUTHORIZED'));
    expect(results[11]).toBe('wait 1');
    advance(DEFAULT_LOGIN_POLICY.forgetAfterMs + 1000);
    expect(await outcome(login(ip, 'correct horse battery'))).toBe('ok');
  });

  it('counts a whole IPv6 /64 as one address: rotating addresses inside it gains no attempts', async () => {
    const results: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ip = `2001:db8:77:1:${((i * 7919) % 0x10000).toString(16)}::${i + 1}`;
      results.push(
        await outcome(h.callerWithCookie(undefined, { ip }).auth.login({ email: `v6-${i}@x.test`, password: 'x' })),
      );
    }
    expect(results.slice(0, 11)).toEqual(Array<string>(11).fill('UNAUTHORIZED'));
    expect(results[11]).toBe('wait 1');
    // The next /64 is someone else.
    expect(await outcome(login('2001:db8:77:2::1', 'correct horse battery'))).toBe('ok');
  });

  it('refuses parallel guesses beyond the free ones instead of letting them race the first failure', async () => {
    const ip = '192.0.2.55';
    const results = await Promise.all(Array.from({ length: 12 }, () => outcome(login(ip, 'wrong'))));
    expect(results.filter((r) => r === 'UNAUTHORIZED')).toHaveLength(policy.pairFree + 1);
    expect(results.filter((r) => r.startsWith('wait '))).toHaveLength(12 - policy.pairFree - 1);
  });

  it('shares the counts between processes: a second limiter on the same database sees the delay', async () => {
    const ip = '192.0.2.77';
    const first = createLoginLimiter(h.db, () => clock, policy);
    const second = createLoginLimiter(h.db, () => clock, policy);
    for (let i = 0; i <= policy.pairFree; i++)
      expect(await first.attempt(email, ip)).toEqual({ allowed: true });
    expect(await second.attempt(email, ip)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('stores no email address in the table', async () => {
    const keys = (await h.db.loginAttempt.findMany()).map((r) => r.key).join(' ');
    expect(keys).not.toContain('@');
  });
});
