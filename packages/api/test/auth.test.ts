import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/trpc.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';

let h: Harness;
let org: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('인증 테스트');
});
afterAll(() => h.close());

async function adminEmail() {
  return (await h.db.user.findUniqueOrThrow({ where: { id: org.adminId } })).email;
}

describe('auth', () => {
  it('logs in with the right password, sets the session cookie, and me() answers with the user and org', async () => {
    const cookies = new Map<string, string>();
    const caller = h.callerWithCookie(undefined, { cookies });
    const res = await caller.auth.login({ email: (await adminEmail()).toUpperCase(), password: 'correct horse battery' });
    expect(res.org).toEqual({ id: org.orgId, name: '인증 테스트' });
    expect(cookies.get(SESSION_COOKIE)).toMatch(/^sess_/);
    const me = await h.callerWithCookie(cookies.get(SESSION_COOKIE)).auth.me();
    expect(me.user.id).toBe(org.adminId);
    expect(me.sendingMode).toBe('sandbox');
  });

  it('refuses a wrong password with UNAUTHORIZED and a clear message', async () => {
    await expect(
      h.callerWithCookie(undefined, { ip: '10.0.0.2' }).auth.login({ email: await adminEmail(), password: 'wrong' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });
  });

  it('rejects malformed input with the zod message', async () => {
    await expect(h.anonymous.auth.login({ email: 'not-an-email', password: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('rate-limits repeated failures from one address', async () => {
    const caller = h.callerWithCookie(undefined, { ip: '10.9.9.9' });
    for (let i = 0; i < 5; i++) {
      await expect(caller.auth.login({ email: `nobody${i}@x.test`, password: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(caller.auth.login({ email: await adminEmail(), password: 'correct horse battery' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('answers UNAUTHORIZED without a session, and after logout', async () => {
    await expect(h.anonymous.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const cookies = new Map<string, string>();
    const caller = h.callerWithCookie(undefined, { cookies, ip: '10.0.0.3' });
    await caller.auth.login({ email: await adminEmail(), password: 'correct horse battery' });
    const token = cookies.get(SESSION_COOKIE)!;
    await h.callerWithCookie(token).auth.logout();
    await expect(h.callerWithCookie(token).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('session() answers null (not an error) when signed out, and what me() answers when signed in', async () => {
    await expect(h.anonymous.auth.session()).resolves.toBeNull();
    await expect(h.callerWithCookie('sess_not-a-real-session').auth.session()).resolves.toBeNull();
    expect(await org.admin.auth.session()).toEqual(await org.admin.auth.me());
  });

  it('refuses an expired session', async () => {
    await h.db.session.updateMany({ where: { userId: org.memberId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(org.member.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
