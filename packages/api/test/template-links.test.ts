import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import {
  bearerCaller,
  expectTRPCError,
  expectZodError,
  insertQueueEntry,
  insertRecord,
  repeatLinkInput,
} from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('링크 테스트');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

const REPEAT = { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', value: '응답완료' } };
let n = 0;
const welcome = (overrides: Record<string, unknown> = {}) => ({
  partitionId: org.partitionId,
  templateId: org.templateIds.SF_WELCOME!,
  name: `환영 ${++n}`,
  recipientField: '전화번호',
  variableMappings: { 이름: '이름', 전화번호: '전화번호' },
  triggerType: 'on_create' as const,
  triggerCondition: { field: '상태', value: '신규' },
  ...overrides,
});
const linkCount = () => h.db.alimtalkTemplateLink.count({ where: { orgId: org.orgId } });

describe('templateLinks.create', () => {
  it('stores the normalised condition and answers with a Korean sentence', async () => {
    const link = await org.admin.templateLinks.create(welcome({ name: '신규 환영' }));
    expect(link).toMatchObject({
      name: '신규 환영',
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      conditionText: "상태가 '신규'일 때",
      fireOn: 'became_true',
      cooldownHours: 1,
      isActive: true,
      repeatConfig: null,
      canSend: true,
      problems: [],
      warnings: [],
      createdBy: { id: org.adminId },
      template: { templateCode: 'SF_WELCOME', sendable: true },
    });
    const row = await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.triggerCondition).toEqual({ field: '상태', operator: 'eq', value: '신규' });
    expect(row.repeatConfig).toBeNull();
  });

  it('accepts the plan\'s legacy and empty condition shapes', async () => {
    expect((await org.admin.templateLinks.create(welcome({ triggerCondition: {} }))).triggerCondition).toBeNull();
    const legacy = await org.admin.templateLinks.create(welcome({ triggerCondition: { field: '이름', operator: 'contains', value: '김' } }));
    expect(legacy.conditionText).toBe("이름에 '김'이 포함될 때");
    const noCondition = await org.admin.templateLinks.create(welcome({ triggerCondition: undefined, triggerType: undefined }));
    expect(noCondition).toMatchObject({ triggerType: 'manual', triggerCondition: null, conditionText: '항상 (조건 없음)' });
  });

  it('stores a repeat config with its stop condition', async () => {
    const link = await org.admin.templateLinks.create(repeatLinkInput(org, '리마인드'));
    expect(link.repeatConfig).toEqual({ intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } });
    expect(link.stopConditionText).toBe("상태가 '응답완료'일 때");
  });

  it('links a template that is not approved yet, and says it cannot send', async () => {
    const link = await org.admin.templateLinks.create(
      welcome({ templateId: org.templateIds.SF_VISIT!, variableMappings: { 이름: '이름', 전화번호: '전화번호' } }),
    );
    expect(link.canSend).toBe(false);
    expect(link.warnings.join()).toMatch(/검수 중 상태\(TSC02\)라서 NHN이 승인하기 전까지 이 규칙은 보낼 수 없습니다/);
  });

  it.each([
    ['an unknown recipient field', { recipientField: '팩스' }, /이 파티션에는 수신자 필드 "팩스"가 없습니다/],
    ['a select recipient field', { recipientField: '상태' }, /수신자 필드는 전화번호나 텍스트 필드여야 합니다. "상태"가 선택 필드입니다/],
    ['an unmapped template variable', { variableMappings: { 이름: '이름' } }, /#\{전화번호\}에 연결된 필드가 없습니다/],
    ['a variable mapped to an unknown field', { variableMappings: { 이름: '성명', 전화번호: '전화번호' } }, /연결된 "성명" 필드가 이 파티션에 없습니다/],
    ['a condition on an unknown field', { triggerCondition: { field: '등급', value: 'A' } }, /^규칙을 저장할 수 없습니다: 발송 조건: "등급" 필드는 이 파티션에 없습니다\.$/],
    ['an operator that does not fit the field', { triggerCondition: { field: '상태', operator: 'gt', value: '신규' } }, /'초과' 비교는 선택 필드 "상태"에 쓸 수 없습니다/],
    ['a value that is not an option', { triggerCondition: { field: '상태', value: '없는값' } }, /"없는값"이 "상태" 필드의 선택지에 없습니다/],
    ['a change operator on on_create', { triggerCondition: { field: '상태', operator: 'changed' } }, /'바뀜' 비교는 이전 값이 있어야 해서 여기서는 맞을 수 없습니다/],
    ['repeats on a manual link', { triggerType: 'manual', repeatConfig: REPEAT }, /수동 발송 규칙은 반복할 수 없습니다/],
    [
      'a change operator in the stop condition',
      { triggerType: 'on_update', repeatConfig: { ...REPEAT, stopCondition: { field: '상태', operator: 'changed_to', value: '응답완료' } } },
      /중지 조건: '~\(으\)로 바뀜' 비교는/,
    ],
  ])('refuses %s with BAD_REQUEST and writes nothing', async (_label, overrides, message) => {
    const before = await linkCount();
    await expectTRPCError(org.admin.templateLinks.create(welcome(overrides)), 'BAD_REQUEST', message);
    expect(await linkCount()).toBe(before);
  });

  it.each([
    ['maxRepeat above 10', { repeatConfig: { intervalHours: 1, maxRepeat: 11, stopCondition: { field: '상태', value: '응답완료' } } }, /Maximum repeats can be at most 10/],
    ['a repeat without a stop condition', { repeatConfig: { intervalHours: 1, maxRepeat: 2 } }, /repeatConfig\.stopCondition/],
    ['a negative cooldown', { cooldownHours: -1 }, /Cooldown cannot be negative/],
    ['an unknown operator', { triggerCondition: { field: '상태', operator: 'like', value: '신' } }, /Unknown operator "like"/],
    ['an unknown trigger type', { triggerType: 'on_delete' }, /triggerType/],
    ['an unknown fireOn', { fireOn: 'always' }, /fireOn/],
    ['an empty name', { name: '  ' }, /Give the link a name/],
    ['a malformed partition id', { partitionId: 'p1' }, /UUID/],
  ])('refuses %s with the zod message and writes nothing', async (_label, overrides, message) => {
    const before = await linkCount();
    await expectZodError(org.admin.templateLinks.create(welcome(overrides)), message);
    expect(await linkCount()).toBe(before);
  });

  it("answers NOT_FOUND for another org's partition or template", async () => {
    const before = await linkCount();
    await expectTRPCError(org.admin.templateLinks.create(welcome({ partitionId: other.partitionId })), 'NOT_FOUND', /파티션을 찾을 수 없습니다/);
    await expectTRPCError(org.admin.templateLinks.create(welcome({ templateId: other.templateIds.SF_WELCOME })), 'NOT_FOUND', /템플릿을 찾을 수 없습니다/);
    expect(await linkCount()).toBe(before);
  });

  it('refuses a second link with the same name in the partition with CONFLICT', async () => {
    await org.admin.templateLinks.create(welcome({ name: '중복 이름' }));
    await expectTRPCError(org.admin.templateLinks.create(welcome({ name: '중복 이름' })), 'CONFLICT', /"중복 이름" 규칙이 이미 있습니다/);
  });

  it('is for admins only', async () => {
    const before = await linkCount();
    await expectTRPCError(org.member.templateLinks.create(welcome()), 'FORBIDDEN');
    expect(await linkCount()).toBe(before);
  });
});

describe('templateLinks.list / get', () => {
  it('lists the links of the org, filtered by partition and active state', async () => {
    const active = await org.admin.templateLinks.create(welcome({ name: '목록 활성' }));
    const inactive = await org.admin.templateLinks.create(welcome({ name: '목록 비활성', isActive: false }));
    const all = await org.member.templateLinks.list({ partitionId: org.partitionId });
    expect(all.map((l) => l.id)).toEqual(expect.arrayContaining([active.id, inactive.id]));
    const on = await org.member.templateLinks.list({ isActive: true });
    expect(on.map((l) => l.id)).toContain(active.id);
    expect(on.map((l) => l.id)).not.toContain(inactive.id);
    expect(on.every((l) => typeof l.conditionText === 'string')).toBe(true);
    expect(await org.member.templateLinks.list({ triggerType: 'on_update' })).toEqual([]);
  });

  it("answers NOT_FOUND for another org's link, partition or template", async () => {
    const theirs = await other.admin.templateLinks.create({ ...welcome(), partitionId: other.partitionId, templateId: other.templateIds.SF_WELCOME! });
    await expectTRPCError(org.member.templateLinks.get({ id: theirs.id }), 'NOT_FOUND');
    await expectTRPCError(org.member.templateLinks.list({ partitionId: other.partitionId }), 'NOT_FOUND');
    await expectTRPCError(org.member.templateLinks.list({ templateId: other.templateIds.SF_WELCOME! }), 'NOT_FOUND');
    expect((await org.member.templateLinks.list()).map((l) => l.id)).not.toContain(theirs.id);
  });

  it('works with a Bearer API token', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    expect((await (await bearerCaller(h, org)).templateLinks.get({ id: link.id })).id).toBe(link.id);
  });
});

describe('templateLinks.update', () => {
  it('changes only the given fields', async () => {
    const link = await org.admin.templateLinks.create(welcome({ name: '부분 수정' }));
    const updated = await org.admin.templateLinks.update({ id: link.id, cooldownHours: 6 });
    expect(updated).toMatchObject({ cooldownHours: 6, triggerCondition: link.triggerCondition, name: '부분 수정' });
    const cleared = await org.admin.templateLinks.update({ id: link.id, triggerCondition: null });
    expect(cleared.triggerCondition).toBeNull();
    expect((await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id } })).triggerCondition).toBeNull();
    const retyped = await org.admin.templateLinks.update({
      id: link.id,
      triggerType: 'on_update',
      fireOn: 'every_matching_update',
      triggerCondition: { field: '상태', operator: 'changed_to', value: '상담중' },
    });
    expect(retyped).toMatchObject({ triggerType: 'on_update', fireOn: 'every_matching_update', conditionText: "상태가 '상담중'으로 바뀌었을 때" });
  });

  it('validates the merged link and writes nothing when it is invalid', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    await expectTRPCError(org.admin.templateLinks.update({ id: link.id, templateId: org.templateIds.SF_STATUS! }), 'BAD_REQUEST', /변수: #\{상태\}에 연결된 필드가 없습니다/);
    await expectTRPCError(org.admin.templateLinks.update({ id: link.id, partitionId: other.partitionId }), 'BAD_REQUEST', /다른 파티션으로 옮길 수 없습니다/);
    await expectZodError(org.admin.templateLinks.update({ id: link.id, cooldownHours: 1.5 }), /whole number/);
    const row = await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row).toMatchObject({ templateId: org.templateIds.SF_WELCOME, cooldownHours: 1 });
  });

  it("answers NOT_FOUND for another org's link and for a deleted link", async () => {
    const theirs = await h.db.alimtalkTemplateLink.findFirstOrThrow({ where: { orgId: other.orgId } });
    await expectTRPCError(org.admin.templateLinks.update({ id: theirs.id, name: '탈취' }), 'NOT_FOUND');
    expect((await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: theirs.id } })).name).not.toBe('탈취');
    const link = await org.admin.templateLinks.create(welcome());
    await org.admin.templateLinks.delete({ id: link.id });
    await expectTRPCError(org.admin.templateLinks.update({ id: link.id, name: '부활' }), 'NOT_FOUND');
  });

  it('turning the link off or removing its repeats ends pending repeat series', async () => {
    const link = await org.admin.templateLinks.create(repeatLinkInput(org, '수정으로 종료'));
    const record = await insertRecord(h, org, { 이름: '가', 전화번호: '01011112222', 상태: '신규' });
    const entry = await insertQueueEntry(h, org, { linkId: link.id, recordId: record.id });
    const res = await org.admin.templateLinks.update({ id: link.id, repeatConfig: null });
    expect(res.cancelledRepeats).toBe(1);
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ status: 'cancelled', endReason: 'repeat_disabled' });
  });

  it('is for admins only', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    await expectTRPCError(org.member.templateLinks.update({ id: link.id, name: '멤버' }), 'FORBIDDEN');
  });
});

describe('templateLinks.setActive / delete', () => {
  async function seriesFor(name: string) {
    const link = await org.admin.templateLinks.create(repeatLinkInput(org, name));
    const record = await insertRecord(h, org, { 이름: '나', 전화번호: '01022223333', 상태: '신규' });
    const pending = await insertQueueEntry(h, org, { linkId: link.id, recordId: record.id });
    const record2 = await insertRecord(h, org, { 이름: '다', 전화번호: '01022224444', 상태: '응답완료' });
    const done = await insertQueueEntry(h, org, { linkId: link.id, recordId: record2.id, status: 'completed', endReason: 'stop_condition_met' });
    return { link, record, pending, done };
  }

  it('turning a link off cancels its pending repeats with link_inactive and records why', async () => {
    const { link, record, pending, done } = await seriesFor('끄기');
    const res = await org.admin.templateLinks.setActive({ id: link.id, isActive: false });
    expect(res).toMatchObject({ isActive: false, cancelledRepeats: 1, pendingRepeats: 0 });
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: 'cancelled', endReason: 'link_inactive' });
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ status: 'completed', endReason: 'stop_condition_met' });
    const events = await h.db.automationEvent.findMany({ where: { recordId: record.id, linkId: link.id } });
    expect(events).toEqual([expect.objectContaining({ event: 'repeat', decision: 'cancelled', reason: 'link_inactive' })]);
    expect((await org.admin.templateLinks.setActive({ id: link.id, isActive: true })).isActive).toBe(true);
  });

  it('delete is soft, cancels pending repeats with link_deleted in the same transaction, and hides the link', async () => {
    const { link, pending } = await seriesFor('삭제');
    const res = await org.admin.templateLinks.delete({ id: link.id });
    expect(res).toMatchObject({ id: link.id, cancelledRepeats: 1 });
    const row = await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.isActive).toBe(false);
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: 'cancelled', endReason: 'link_deleted' });
    await expectTRPCError(org.member.templateLinks.get({ id: link.id }), 'NOT_FOUND');
    expect((await org.member.templateLinks.list()).map((l) => l.id)).not.toContain(link.id);
    await expectTRPCError(org.admin.templateLinks.delete({ id: link.id }), 'NOT_FOUND');
    await expectTRPCError(org.admin.templateLinks.setActive({ id: link.id, isActive: true }), 'NOT_FOUND');
  });

  it("answers NOT_FOUND for another org's link and leaves it alone", async () => {
    const theirs = await h.db.alimtalkTemplateLink.findFirstOrThrow({ where: { orgId: other.orgId } });
    await expectTRPCError(org.admin.templateLinks.delete({ id: theirs.id }), 'NOT_FOUND');
    await expectTRPCError(org.admin.templateLinks.setActive({ id: theirs.id, isActive: false }), 'NOT_FOUND');
    expect(await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ deletedAt: null, isActive: true });
  });

  it('is for admins only; bad input is BAD_REQUEST', async () => {
    const link = await org.admin.templateLinks.create(welcome());
    await expectTRPCError(org.member.templateLinks.delete({ id: link.id }), 'FORBIDDEN');
    await expectTRPCError(org.member.templateLinks.setActive({ id: link.id, isActive: false }), 'FORBIDDEN');
    await expectZodError(org.admin.templateLinks.setActive({ id: link.id, isActive: 'no' as never }), /isActive must be true or false/);
    expect((await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id } })).isActive).toBe(true);
  });
});

describe('templateLinks.preview', () => {
  let partitionId: string;
  beforeAll(async () => {
    const p = await org.admin.partitions.create({
      name: '미리보기',
      fields: [
        { key: '이름', label: '이름', type: 'text' },
        { key: '전화번호', label: '전화번호', type: 'phone' },
        { key: '상태', label: '상태', type: 'select', options: ['신규', '상담중', '응답완료'] },
      ],
      phoneField: '전화번호',
    });
    partitionId = p.id;
    await insertRecord(h, org, { 이름: '첫째', 전화번호: '010-1111-0001', 상태: '신규' }, partitionId);
    await insertRecord(h, org, { 이름: '둘째', 전화번호: '02-123-4567', 상태: '신규' }, partitionId);
    await insertRecord(h, org, { 전화번호: '010-1111-0003', 상태: '신규' }, partitionId);
    await insertRecord(h, org, { 이름: '넷째', 전화번호: '010-1111-0004', 상태: '응답완료' }, partitionId);
  });

  it('counts matching records of a draft and renders a sample from the first match', async () => {
    const res = await org.member.templateLinks.preview({
      partitionId,
      templateId: org.templateIds.SF_WELCOME!,
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', value: '신규' },
    });
    expect(res).toMatchObject({ totalRecords: 4, scanned: 4, capped: false, matching: 3, conditionText: "상태가 '신규'일 때", problems: [] });
    expect(res.wouldSkip).toEqual({ invalidPhone: 1, renderFailed: 1 });
    expect(res.sample).not.toBeNull();
    expect(res.sample!.ok || res.sample!.errors.length > 0).toBe(true);
  });

  it('previews a saved link, with draft edits on top, and lists problems instead of failing', async () => {
    const link = await org.admin.templateLinks.create({
      partitionId,
      templateId: org.templateIds.SF_WELCOME!,
      name: '미리보기 링크',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', value: '응답완료' },
    });
    const saved = await org.member.templateLinks.preview({ linkId: link.id });
    expect(saved.matching).toBe(1);
    expect(saved.sample).toMatchObject({ ok: true, recipient: { normalized: '01011110004', problem: null } });
    expect(saved.sample!.text).toContain('넷째님, 문의해 주셔서 감사합니다.');
    expect(saved.sample!.text).toContain('010-1111-0004');

    const edited = await org.member.templateLinks.preview({ linkId: link.id, triggerCondition: null, variableMappings: { 이름: '이름' } });
    expect(edited.matching).toBe(4);
    expect(edited.problems.join()).toMatch(/#\{전화번호\}에 연결된 필드가 없습니다/);
  });

  it('notes that change operators cannot hold in a preview', async () => {
    const res = await org.member.templateLinks.preview({
      partitionId,
      templateId: org.templateIds.SF_STATUS!,
      triggerType: 'on_update',
      triggerCondition: { field: '상태', operator: 'changed_to', value: '상담중' },
      variableMappings: { 이름: '이름', 상태: '상태' },
    });
    expect(res.matching).toBe(0);
    expect(res.notes.join(' ')).toMatch(/Change operators/);
  });

  it('checks at most 5,000 records and says so', async () => {
    const big = await org.admin.partitions.create({ name: '큰 파티션', fields: [{ key: '전화번호', label: '전화번호', type: 'phone' }] });
    await h.db.record.createMany({
      data: Array.from({ length: 5_001 }, (_, i) => ({ orgId: org.orgId, partitionId: big.id, data: { 전화번호: `010${String(10_000_000 + i)}` } })),
    });
    const res = await org.member.templateLinks.preview({ partitionId: big.id, templateId: org.templateIds.SF_WELCOME!, recipientField: '전화번호' });
    expect(res).toMatchObject({ totalRecords: 5_001, scanned: 5_000, capped: true, matching: 5_000 });
    expect(res.notes[0]).toMatch(/Only the newest 5,000 of 5,001 records were checked/);
  });

  it("answers NOT_FOUND for another org's link or partition, BAD_REQUEST without a link or draft", async () => {
    const theirs = await h.db.alimtalkTemplateLink.findFirstOrThrow({ where: { orgId: other.orgId } });
    await expectTRPCError(org.member.templateLinks.preview({ linkId: theirs.id }), 'NOT_FOUND');
    await expectTRPCError(org.member.templateLinks.preview({ partitionId: other.partitionId, templateId: org.templateIds.SF_WELCOME! }), 'NOT_FOUND');
    await expectTRPCError(org.member.templateLinks.preview({ partitionId, templateId: other.templateIds.SF_WELCOME! }), 'NOT_FOUND');
    await expectZodError(org.member.templateLinks.preview({ partitionId }), /Give a linkId, or a draft/);
  });

  it('works with a Bearer API token', async () => {
    const res = await (await bearerCaller(h, org)).templateLinks.preview({ partitionId, templateId: org.templateIds.SF_WELCOME! });
    expect(res.totalRecords).toBe(4);
  });
});
