// templateLinks.testSend: one message to a number the admin types, rendered from a sample or a chosen record, as a
// test SendLog and its send job in one transaction.
import { newToken } from '../src/auth/tokens.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError, expectZodError, insertRecord, welcomeLinkInput } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('테스트 발송');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

let n = 0;
const welcome = (overrides: Record<string, unknown> = {}) => ({
  ...welcomeLinkInput(org, `환영 ${++n}`),
  triggerType: 'on_create' as const,
  triggerCondition: { field: '상태', value: '신규' },
  ...overrides,
});

describe('templateLinks.testSend', () => {
  // The public graphile_worker.jobs view has no payload column in 0.17; the private table has it.
  const jobs = () =>
    h.db.$queryRaw<{ task_identifier: string; key: string; payload: { sendLogId: string } }[]>`
      SELECT t.identifier AS task_identifier, j.key, j.payload
        FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`;
  const testLogs = () => h.db.alimtalkSendLog.count({ where: { orgId: org.orgId, triggerType: 'test' } });

  it('writes a pending test log and its send job in one transaction', async () => {
    const link = await org.admin.templateLinks.create(welcome({ name: '테스트 발송' }));
    const res = await org.admin.templateLinks.testSend({ linkId: link.id, phone: '+82 10-9876-5432' });
    expect(res).toMatchObject({ recipientNo: '01098765432', usedPlaceholders: true });
    expect(res.content).toContain('[이름]님');
    const log = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: res.sendLogId } });
    expect(log).toMatchObject({ triggerType: 'test', status: 'pending', recordId: null, linkId: link.id, templateCode: 'SF_WELCOME', recipientNo: '01098765432' });
    expect(log.dedupeKey).toMatch(/^test:[0-9a-f-]{36}$/);
    expect(log.templateParameter).toEqual({ 이름: '[이름]', 전화번호: '010-9876-5432' });
    expect(await jobs()).toContainEqual({ task_identifier: 'alimtalk.send', key: `send:${res.sendLogId}`, payload: { sendLogId: res.sendLogId } });
    const [viewRow] = await h.db.$queryRaw<{ task_identifier: string }[]>`SELECT task_identifier FROM graphile_worker.jobs WHERE key = ${`send:${res.sendLogId}`}`;
    expect(viewRow?.task_identifier).toBe('alimtalk.send');
  });

  it("renders with a record's values when one is given", async () => {
    const link = await org.admin.templateLinks.create(welcome());
    const record = await insertRecord(h, org, { 이름: '박지은', 전화번호: '010-5555-6666', 상태: '신규' });
    const res = await org.admin.templateLinks.testSend({ linkId: link.id, phone: '01012341234', recordId: record.id });
    expect(res.content).toContain('박지은님');
    expect(res.content).toContain('010-5555-6666');
    expect(res.usedPlaceholders).toBe(false);
    expect((await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: res.sendLogId } })).recordId).toBe(record.id);
  });

  it('refuses an invalid phone with the reason and writes nothing', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    const before = await testLogs();
    await expectTRPCError(org.admin.templateLinks.testSend({ linkId: link.id, phone: '02-123-4567' }), 'BAD_REQUEST', /^유선·인터넷 전화번호는 알림톡을 받을 수 없습니다/);
    await expectTRPCError(org.admin.templateLinks.testSend({ linkId: link.id, phone: 'abc' }), 'BAD_REQUEST', /숫자, 공백/);
    await expectZodError(org.admin.templateLinks.testSend({ linkId: link.id, phone: '' }), /Enter the phone number/);
    expect(await testLogs()).toBe(before);
  });

  it('refuses a record whose values cannot render', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    const record = await insertRecord(h, org, { 전화번호: '010-5555-6666' });
    const before = await testLogs();
    const input = { linkId: link.id, phone: '01012341234', recordId: record.id };
    await expectTRPCError(org.admin.templateLinks.testSend(input), 'BAD_REQUEST', /^메시지를 만들 수 없습니다: #\{이름\}: 레코드에 "이름" 값이 없습니다\.$/);
    const { token, hash } = newToken('sess');
    await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
    await expectTRPCError(h.callerWithCookie(token, { language: 'en' }).templateLinks.testSend(input), 'BAD_REQUEST', /^The message cannot be rendered: #\{이름\}: the record has no value for "이름"\.$/);
    expect(await testLogs()).toBe(before);
  });

  it('refuses a template NHN has not approved with PRECONDITION_FAILED', async () => {
    const link = await org.admin.templateLinks.create(welcome({ templateId: org.templateIds.SF_VISIT! }));
    await expectTRPCError(org.admin.templateLinks.testSend({ linkId: link.id, phone: '01012341234' }), 'PRECONDITION_FAILED', /검수 중 상태\(TSC02\)/);
  });

  it("answers NOT_FOUND for another org's link or record", async () => {
    const link = await org.admin.templateLinks.create(welcome());
    const theirs = await other.admin.templateLinks.create({ ...welcomeLinkInput(other, '남의 규칙'), triggerType: 'on_create' });
    const theirRecord = await insertRecord(h, other, { 이름: '남', 전화번호: '01077778888' }, other.partitionId);
    const before = await testLogs();
    await expectTRPCError(org.admin.templateLinks.testSend({ linkId: theirs.id, phone: '01012341234' }), 'NOT_FOUND');
    await expectTRPCError(org.admin.templateLinks.testSend({ linkId: link.id, phone: '01012341234', recordId: theirRecord.id }), 'NOT_FOUND', /레코드를 찾을 수 없습니다/);
    expect(await testLogs()).toBe(before);
  });

  it('is for admins only; an admin Bearer token works', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    await expectTRPCError(org.member.templateLinks.testSend({ linkId: link.id, phone: '01012341234' }), 'FORBIDDEN');
    const res = await (await bearerCaller(h, org)).templateLinks.testSend({ linkId: link.id, phone: '01012341234' });
    expect(res.sendLogId).toBeTruthy();
  });
});
