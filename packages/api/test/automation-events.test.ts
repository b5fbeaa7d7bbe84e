import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError, expectZodError, insertRecord, insertSendLog, welcomeLinkInput } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
let linkId: string;
let otherLinkId: string;
let recordId: string;
let sendLogId: string;

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 0, minute));

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('이벤트 테스트');
  other = await h.createOrg('다른 회사');
  const link = (name: string) => ({ ...welcomeLinkInput(org, name), triggerType: 'on_create' as const });
  linkId = (await org.admin.templateLinks.create(link('환영'))).id;
  otherLinkId = (await org.admin.templateLinks.create(link('두번째'))).id;
  recordId = (await insertRecord(h, org, { 이름: '가', 전화번호: '01011112222', 상태: '신규' })).id;
  sendLogId = (await insertSendLog(h, org, { linkId, recordId, status: 'accepted' })).id;
  const event = (minute: number, data: Record<string, unknown>) =>
    h.db.automationEvent.create({ data: { orgId: org.orgId, recordId, event: 'create', decision: 'skipped', createdAt: at(minute), ...data } });
  await event(1, { linkId, decision: 'fired', sendLogId, detail: { trace: { kind: 'none', result: true } } });
  await event(2, { linkId: otherLinkId, reason: 'condition_false', detail: { trace: { kind: 'leaf', field: '상태', result: false } } });
  await event(3, { linkId, event: 'update', reason: 'not_a_transition' });
  await event(4, { linkId, event: 'repeat', decision: 'completed', reason: 'stop_condition_met' });
});
afterAll(() => h.close());

describe('automationEvents.list', () => {
  it("lists a record's decisions newest first with link names and the send log's status", async () => {
    const { items, nextCursor } = await org.member.automationEvents.list({ recordId });
    expect(nextCursor).toBeNull();
    expect(items.map((e) => e.reason)).toEqual(['stop_condition_met', 'not_a_transition', 'condition_false', null]);
    expect(items[2]).toMatchObject({ linkName: '두번째', decision: 'skipped', detail: { trace: { field: '상태' } } });
    expect(items[3]).toMatchObject({ linkName: '환영', decision: 'fired', sendLogId, sendLog: { id: sendLogId, status: 'accepted' } });
    expect(items[0]!.sendLog).toBeNull();
    // Each event says which record it was about, readably.
    expect(items[0]!.record).toEqual({ label: '가', phone: '01011112222' });
  });

  it('filters by link and decision, and pages with a cursor', async () => {
    expect((await org.member.automationEvents.list({ linkId })).items).toHaveLength(3);
    expect((await org.member.automationEvents.list({ recordId, decision: 'skipped' })).items.map((e) => e.reason)).toEqual([
      'not_a_transition',
      'condition_false',
    ]);
    const first = await org.member.automationEvents.list({ recordId, limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await org.member.automationEvents.list({ recordId, limit: 3, cursor: first.nextCursor });
    expect(second.items.map((e) => e.reason)).toEqual([null]);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps explaining a deleted record and a deleted link', async () => {
    await org.admin.templateLinks.delete({ id: otherLinkId });
    await h.db.record.delete({ where: { id: recordId } });
    const { items } = await org.member.automationEvents.list({ recordId });
    expect(items).toHaveLength(4);
    expect(items[2]).toMatchObject({ linkName: '두번째', linkDeleted: true });
  });

  it("answers NOT_FOUND for another org's record or link", async () => {
    const theirRecord = await insertRecord(h, other, { 이름: '남' }, other.partitionId);
    await h.db.automationEvent.create({ data: { orgId: other.orgId, recordId: theirRecord.id, event: 'create', decision: 'fired' } });
    const theirLink = await other.admin.templateLinks.create(welcomeLinkInput(other, '남의 링크'));
    await expectTRPCError(org.member.automationEvents.list({ recordId: theirRecord.id }), 'NOT_FOUND');
    await expectTRPCError(org.member.automationEvents.list({ linkId: theirLink.id }), 'NOT_FOUND');
  });

  it('needs a record or a link, and valid filters', async () => {
    await expectZodError(org.member.automationEvents.list({}), /Give a recordId or a linkId/);
    await expectZodError(org.member.automationEvents.list({ recordId, decision: 'maybe' as never }), /decision/);
    await expectZodError(org.member.automationEvents.list({ recordId, limit: 500 }), /at most 200/);
  });

  it('works with a Bearer API token', async () => {
    expect((await (await bearerCaller(h, org)).automationEvents.list({ linkId })).items).toHaveLength(3);
  });
});
