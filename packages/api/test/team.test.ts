// The team: invitations as one-time expiring links, roles, removal, the permission table, password change and
// signing out everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/trpc.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError, expectZodError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
let offset = 0;

beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offset) });
  org = await h.createOrg('팀');
  other = await h.createOrg('다른 팀');
});
afterAll(() => h.close());

const uniqueEmail = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@team.test`;

/** Accepts an invitation the way the public page does, and returns the signed-in caller. */
async function accept(token: string, name = '새 팀원', password = 'new member pw') {
  const cookies = new Map<string, string>();
  const caller = h.callerWithCookie(undefined, { cookies });
  const result = await caller.invitations.accept({ token, name, password });
  return { caller, cookies, result };
}

describe('invitations', () => {
  it('an admin invites; the invitee reads the invitation, sets name and password, is signed in as a member', async () => {
    const email = uniqueEmail('member');
    const inv = await org.admin.users.invite({ email: email.toUpperCase(), role: 'member' });
    expect(inv.path).toBe(`/invite/${inv.token}`);
    expect(await h.anonymous.invitations.get({ token: inv.token })).toMatchObject({ email, role: 'member', orgName: '팀' });
    expect((await org.admin.users.invitations()).map((i) => i.email)).toContain(email);

    const { caller, cookies, result } = await accept(inv.token, '김팀원');
    expect(result.user).toMatchObject({ email, name: '김팀원', role: 'member' });
    expect(cookies.get(SESSION_COOKIE)).toEqual(expect.any(String));
    expect((await caller.auth.me()).org.name).toBe('팀');
    expect((await org.member.users.list()).map((u) => u.email)).toContain(email);
    // The token is stored only as a hash, and is used up.
    expect(JSON.stringify(await h.db.invitation.findMany({ where: { email } }))).not.toContain(inv.token);
    await expectTRPCError(h.anonymous.invitations.accept({ token: inv.token, name: '또', password: 'another pw 1' }), 'CONFLICT', /이미 사용된 초대 링크/);
    expect(await h.db.user.count({ where: { email } })).toBe(1);
  });

  it('two accepts of one link at once make one account', async () => {
    const email = uniqueEmail('race');
    const inv = await org.admin.users.invite({ email });
    const results = await Promise.allSettled([accept(inv.token, 'A'), accept(inv.token, 'B')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await h.db.user.count({ where: { email } })).toBe(1);
  });

  it('expired, revoked, replaced and made-up links are refused with a clear message', async () => {
    const expiring = await org.admin.users.invite({ email: uniqueEmail('late') });
    offset = 8 * 86_400_000;
    await expectTRPCError(h.anonymous.invitations.get({ token: expiring.token }), 'BAD_REQUEST', /만료되었습니다/);
    await expectTRPCError(accept(expiring.token), 'BAD_REQUEST', /만료되었습니다/);
    offset = 0;

    const revoked = await org.admin.users.invite({ email: uniqueEmail('revoked') });
    await org.admin.users.revokeInvitation({ id: revoked.id });
    await expectTRPCError(accept(revoked.token), 'NOT_FOUND', /올바른 초대 링크가 아닙니다/);

    const email = uniqueEmail('twice');
    const first = await org.admin.users.invite({ email });
    await org.admin.users.invite({ email });
    await expectTRPCError(accept(first.token), 'NOT_FOUND', /올바른 초대 링크가 아닙니다/);

    await expectTRPCError(h.anonymous.invitations.get({ token: 'inv_made_up_token_value' }), 'NOT_FOUND', /올바른 초대 링크가 아닙니다/);
  });

  it('refuses an email that already has an account, a short password, and members inviting', async () => {
    const taken = await h.db.user.findUniqueOrThrow({ where: { id: org.memberId } });
    await expectTRPCError(org.admin.users.invite({ email: taken.email }), 'CONFLICT', /이미 이 팀의 계정입니다/);
    await expectZodError(org.admin.users.invite({ email: 'not an email' }), /valid email/);
    const inv = await org.admin.users.invite({ email: uniqueEmail('short') });
    await expectZodError(h.anonymous.invitations.accept({ token: inv.token, name: '짧음', password: 'short' }), /at least 8/);
    await expectTRPCError(org.member.users.invite({ email: uniqueEmail('by-member') }), 'FORBIDDEN');
    await expectTRPCError(org.member.users.invitations(), 'FORBIDDEN');
  });
});

describe('roles and removal', () => {
  it('promotes and demotes, never leaving the team without an admin', async () => {
    const solo = await h.createOrg('혼자');
    await expectTRPCError(solo.admin.users.setRole({ userId: solo.adminId, role: 'member' }), 'BAD_REQUEST', /관리자가 한 명 이상/);
    await solo.admin.users.setRole({ userId: solo.memberId, role: 'admin' });
    // The promoted member can now do admin things, on their next request.
    await solo.member.partitions.create({ name: '승격 후', fields: [{ key: 'a', label: 'a', type: 'text' }] });
    await solo.member.users.setRole({ userId: solo.adminId, role: 'member' });
    await expectTRPCError(solo.admin.partitions.create({ name: '강등 후', fields: [] }), 'FORBIDDEN');
  });

  it('removes a member with their sessions; not yourself, not the last admin, not another org', async () => {
    const team = await h.createOrg('삭제');
    await team.member.records.list({ partitionId: team.partitionId }); // remembered by this process until forgotten
    await team.admin.users.remove({ userId: team.memberId });
    await expectTRPCError(team.member.records.list({ partitionId: team.partitionId }), 'UNAUTHORIZED');
    expect(await h.db.session.count({ where: { userId: team.memberId } })).toBe(0);
    await expectTRPCError(team.admin.users.remove({ userId: team.adminId }), 'BAD_REQUEST', /자기 자신은 내보낼 수 없습니다/);
    await expectTRPCError(team.admin.users.remove({ userId: other.memberId }), 'NOT_FOUND');
    await expectTRPCError(team.admin.users.setRole({ userId: other.memberId, role: 'admin' }), 'NOT_FOUND');
    expect((await h.db.user.findUniqueOrThrow({ where: { id: other.memberId } })).role).toBe('member');
  });

  it('lists only the own org', async () => {
    const ids = (await org.admin.users.list()).map((u) => u.id);
    expect(ids).toContain(org.memberId);
    expect(ids).not.toContain(other.adminId);
  });
});

describe('permission table: members read everything and edit records, not settings, tokens, rules or the team', () => {
  it('allows members to read and to edit records', async () => {
    await org.member.partitions.list();
    await org.member.templateLinks.list();
    await org.member.sendLogs.list({});
    await org.member.settings.get();
    await org.member.apiTokens.list();
    const r = await org.member.records.create({ partitionId: org.partitionId, data: { 이름: '멤버 작성', 상태: '신규' } });
    await org.member.records.update({ id: r.id, data: { 상태: '상담중' } });
    await org.member.records.delete({ id: r.id });
  });

  it('refuses members every settings, token, rule, partition and team change', async () => {
    // Each call starts only when its refusal is awaited: started all at once and awaited one by one, a later
    // refusal could settle unhandled while an earlier one was awaited, which Vitest counts as an error.
    const refused: Array<() => Promise<unknown>> = [
      () => org.member.settings.update({ provider: 'sandbox' }),
      () => org.member.apiTokens.create({ name: 'member token' }),
      () => org.member.templates.sync(),
      () => org.member.templateLinks.create({
        partitionId: org.partitionId,
        templateId: org.templateIds.SF_WELCOME!,
        name: 'member rule',
        recipientField: '전화번호',
        variableMappings: { 이름: '이름', 전화번호: '전화번호' },
        triggerType: 'manual',
      }),
      () => org.member.partitions.create({ name: 'member partition', fields: [] }),
      () => org.member.users.setRole({ userId: org.memberId, role: 'admin' }),
      () => org.member.users.remove({ userId: org.adminId }),
    ];
    for (const call of refused) await expectTRPCError(call(), 'FORBIDDEN');
    expect((await h.db.user.findUniqueOrThrow({ where: { id: org.memberId } })).role).toBe('member');
  });
});

describe('account', () => {
  async function freshUser() {
    const inv = await org.admin.users.invite({ email: uniqueEmail('acct') });
    const first = await accept(inv.token, '계정', 'first password');
    const email = first.result.user.email;
    const second = h.callerWithCookie(undefined);
    await second.auth.login({ email, password: 'first password' });
    return { first: first.caller, second, email };
  }

  it('changes the password after checking the current one, signing out the other browsers', async () => {
    const { first, second, email } = await freshUser();
    await expectTRPCError(first.account.changePassword({ currentPassword: 'wrong one', newPassword: 'second password' }), 'BAD_REQUEST', /현재 비밀번호가 맞지 않습니다/);
    await first.account.changePassword({ currentPassword: 'first password', newPassword: 'second password' });
    await first.auth.me();
    await expectTRPCError(second.auth.me(), 'UNAUTHORIZED');
    await expectTRPCError(h.callerWithCookie(undefined).auth.login({ email, password: 'first password' }), 'UNAUTHORIZED');
    await h.callerWithCookie(undefined).auth.login({ email, password: 'second password' });
  });

  it('signs out everywhere, this browser included', async () => {
    const { first, second } = await freshUser();
    expect((await first.account.signOutEverywhere()).sessionsEnded).toBe(2);
    await expectTRPCError(first.auth.me(), 'UNAUTHORIZED');
    await expectTRPCError(second.auth.me(), 'UNAUTHORIZED');
  });
});
