import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError, expectZodError } from './support/router-helpers.ts';
import { AUTH_REMEMBER_MS } from '../src/auth/session-lookup.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('토큰 테스트');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

describe('apiTokens', () => {
  it('shows the token once and stores only its hash and a prefix', async () => {
    const created = await org.admin.apiTokens.create({ name: 'CRM 연동' });
    expect(created.token).toMatch(/^aft_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    const row = await h.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const listed = await org.member.apiTokens.list();
    const item = listed.find((t) => t.id === created.id)!;
    expect(item).toMatchObject({ name: 'CRM 연동', prefix: created.prefix, revokedAt: null, createdBy: { id: org.adminId } });
    const json = JSON.stringify(listed);
    expect(json).not.toContain(created.token);
    expect(json).not.toContain(row.tokenHash);
  });

  it('a token acts like a session of its creator, and records its last use', async () => {
    const { token, id } = await org.admin.apiTokens.create({ name: '사용 확인' });
    const me = await h.callerWithBearer(token).auth.me();
    expect(me.user.id).toBe(org.adminId);
    expect((await h.callerWithBearer(token).apiTokens.list()).map((t) => t.id)).toContain(id);
    await expect.poll(async () => (await h.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it('writes lastUsedAt at most once a minute per token, not on every request', async () => {
    const { token, id } = await org.admin.apiTokens.create({ name: '분당 1회' });
    const recent = new Date(Date.now() - 30_000);
    await h.db.apiToken.update({ where: { id }, data: { lastUsedAt: recent } });
    await h.callerWithBearer(token).auth.me();
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(recent);
    const old = new Date(Date.now() - 120_000);
    await h.db.apiToken.update({ where: { id }, data: { lastUsedAt: old } });
    await new Promise((r) => setTimeout(r, AUTH_REMEMBER_MS)); // past this process's remembered lookup
    await h.callerWithBearer(token).auth.me();
    await expect.poll(async () => (await h.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it('revoking stops the token at once; revoking again is harmless', async () => {
    const { token, id } = await org.admin.apiTokens.create({ name: '폐기 예정' });
    await h.callerWithBearer(token).partitions.list(); // this process now remembers the token's user
    const first = await org.admin.apiTokens.revoke({ id });
    expect(first).toMatchObject({ id, alreadyRevoked: false });
    await expectTRPCError(h.callerWithBearer(token).partitions.list(), 'UNAUTHORIZED');
    const again = await org.admin.apiTokens.revoke({ id });
    expect(again).toMatchObject({ id, alreadyRevoked: true, revokedAt: first.revokedAt });
    expect((await org.member.apiTokens.list()).find((t) => t.id === id)!.revokedAt).toBe(first.revokedAt);
  });

  it('create and revoke are for admins; members can see the list', async () => {
    const before = await h.db.apiToken.count();
    await expectTRPCError(org.member.apiTokens.create({ name: '멤버 토큰' }), 'FORBIDDEN');
    expect(await h.db.apiToken.count()).toBe(before);
    const { id } = await org.admin.apiTokens.create({ name: '관리자 토큰' });
    await expectTRPCError(org.member.apiTokens.revoke({ id }), 'FORBIDDEN');
    expect((await h.db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });

  it("answers NOT_FOUND for another org's token and never lists it", async () => {
    const theirs = await other.admin.apiTokens.create({ name: '남의 토큰' });
    await expectTRPCError(org.admin.apiTokens.revoke({ id: theirs.id }), 'NOT_FOUND');
    expect((await h.db.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
    expect((await org.admin.apiTokens.list()).map((t) => t.id)).not.toContain(theirs.id);
    // Their token sees their org only.
    expect((await h.callerWithBearer(theirs.token).partitions.list()).map((p) => p.id)).toEqual([other.partitionId]);
  });

  it('refuses a bad name with the zod message and writes nothing', async () => {
    const before = await h.db.apiToken.count();
    await expectZodError(org.admin.apiTokens.create({ name: '  ' }), /Name the token/);
    await expectZodError(org.admin.apiTokens.create({ name: 'x'.repeat(101) }), /at most 100/);
    expect(await h.db.apiToken.count()).toBe(before);
  });

  it('needs a session or a token', async () => {
    await expectTRPCError(h.anonymous.apiTokens.list(), 'UNAUTHORIZED');
    await expectTRPCError(h.callerWithBearer('aft_not-a-real-token').apiTokens.list(), 'UNAUTHORIZED');
  });
});
