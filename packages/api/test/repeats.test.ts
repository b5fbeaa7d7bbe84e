import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError, expectZodError, insertQueueEntry, insertRecord, repeatLinkInput } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
let linkId: string;
let recordId: string;
let theirEntryId: string;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('반복 테스트');
  other = await h.createOrg('다른 회사');
  linkId = (await org.admin.templateLinks.create(repeatLinkInput(org, '미응답 리마인드'))).id;
  recordId = (await insertRecord(h, org, { 이름: '김민수', 전화번호: '01012345678', 상태: '신규' })).id;
  const theirLink = await other.admin.templateLinks.create({ ...repeatLinkInput(other, '남의 리마인드') });
  const theirRecord = await insertRecord(h, other, { 이름: '남', 전화번호: '01098765432', 상태: '신규' }, other.partitionId);
  theirEntryId = (await insertQueueEntry(h, other, { linkId: theirLink.id, recordId: theirRecord.id })).id;
});
afterAll(() => h.close());

async function entry(overrides: Record<string, unknown> = {}) {
  const record = await insertRecord(h, org, { 이름: '이영희', 전화번호: '010-2222-3333', 상태: '신규' });
  return insertQueueEntry(h, org, { linkId, recordId: record.id, ...overrides });
}

describe('repeats.list', () => {
  it('shows each series with its link, template, record summary and schedule', async () => {
    const e = await insertQueueEntry(h, org, { linkId, recordId, repeatCount: 1, nextRunAt: new Date('2026-03-02T00:00:00Z') });
    const { items } = await org.member.repeats.list({ recordId });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: e.id,
      linkName: '미응답 리마인드',
      template: { templateCode: 'SF_REMIND' },
      record: { exists: true, phone: '010-1234-5678', title: '김민수' },
      repeatCount: 1,
      maxRepeat: 3,
      intervalHours: 24,
      nextRunAt: '2026-03-02T00:00:00.000Z',
      status: 'pending',
      endReason: null,
    });
  });

  it('filters by status and link, and pages', async () => {
    await entry({ status: 'completed', endReason: 'max_repeat_reached' });
    await entry();
    await entry();
    const completed = await org.member.repeats.list({ status: 'completed' });
    expect(completed.items.map((i) => i.endReason)).toEqual(['max_repeat_reached']);
    const first = await org.member.repeats.list({ linkId, limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await org.member.repeats.list({ linkId, limit: 2, cursor: first.nextCursor });
    expect(rest.items).toHaveLength(2);
    expect(new Set([...first.items, ...rest.items].map((i) => i.id)).size).toBe(4);
    expect(rest.nextCursor).toBeNull();
  });

  it('marks a deleted record', async () => {
    const e = await entry();
    await h.db.record.delete({ where: { id: e.recordId } });
    const { items } = await org.member.repeats.list({ recordId: e.recordId });
    expect(items[0]!.record).toEqual({ exists: false, phone: null, title: null });
  });

  it("never lists another org's series; their link or record is NOT_FOUND", async () => {
    const all = await org.member.repeats.list({ limit: 200 });
    expect(all.items.map((i) => i.id)).not.toContain(theirEntryId);
    const theirs = await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: theirEntryId } });
    await expectTRPCError(org.member.repeats.list({ linkId: theirs.linkId }), 'NOT_FOUND');
    await expectTRPCError(org.member.repeats.list({ recordId: theirs.recordId }), 'NOT_FOUND');
  });

  it('refuses bad filters with the zod message', async () => {
    await expectZodError(org.member.repeats.list({ status: 'running' as never }), /status/);
  });
});

describe('repeats.cancel', () => {
  it('cancels a pending series by hand and records the decision', async () => {
    const e = await entry({ updatedAt: new Date('2026-01-01T00:00:00Z') });
    const res = await org.member.repeats.cancel({ id: e.id });
    expect(res).toMatchObject({ id: e.id, status: 'cancelled', endReason: 'cancelled_by_user' });
    // The list's "ended at" is updatedAt: cancelling moves it to now.
    const row = await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.updatedAt.getTime()).toBeGreaterThan(e.updatedAt.getTime());
    expect(res.updatedAt).toBe(row.updatedAt.toISOString());
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ status: 'cancelled', endReason: 'cancelled_by_user' });
    const events = await h.db.automationEvent.findMany({ where: { recordId: e.recordId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ linkId, event: 'repeat', decision: 'cancelled', reason: 'cancelled_by_user', detail: { byUserId: org.memberId } });
  });

  it('answers CONFLICT for a series that already ended, and writes nothing', async () => {
    const e = await entry({ status: 'completed', endReason: 'stop_condition_met' });
    await expectTRPCError(org.admin.repeats.cancel({ id: e.id }), 'CONFLICT', /^이미 끝난 반복 발송입니다\(completed: stop_condition_met\)/);
    expect(await h.db.automationEvent.count({ where: { recordId: e.recordId } })).toBe(0);
    const cancelled = await entry();
    await org.admin.repeats.cancel({ id: cancelled.id });
    await expectTRPCError(org.admin.repeats.cancel({ id: cancelled.id }), 'CONFLICT');
  });

  it("answers NOT_FOUND for another org's series and leaves it pending", async () => {
    await expectTRPCError(org.admin.repeats.cancel({ id: theirEntryId }), 'NOT_FOUND');
    expect((await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: theirEntryId } })).status).toBe('pending');
    await expectZodError(org.admin.repeats.cancel({ id: 'x' }), /UUID/);
  });

  it('works with a Bearer API token', async () => {
    const e = await entry();
    expect((await (await bearerCaller(h, org)).repeats.cancel({ id: e.id })).status).toBe('cancelled');
  });
});
