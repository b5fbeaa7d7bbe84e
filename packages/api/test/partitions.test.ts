import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_FIELDS } from './support/fixtures.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError, expectZodError, insertRecord } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

const FIELDS = LEAD_FIELDS;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('파티션 테스트');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

const partitionCount = () => h.db.partition.count({ where: { orgId: org.orgId } });

describe('partitions.list / get', () => {
  it('lists the org partitions with fields and counts', async () => {
    await insertRecord(h, org, { 이름: '가', 전화번호: '01011112222', 상태: '신규' });
    const list = await org.member.partitions.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: org.partitionId, name: '리드', phoneField: '전화번호', recordCount: 1, linkCount: 0 });
    expect(list[0]!.fields.map((f) => f.key)).toEqual(['이름', '전화번호', '상태']);
    expect(typeof list[0]!.createdAt).toBe('string');
  });

  it("answers NOT_FOUND for another org's partition and BAD_REQUEST for a malformed id", async () => {
    expect((await org.member.partitions.get({ id: org.partitionId })).name).toBe('리드');
    await expectTRPCError(org.member.partitions.get({ id: other.partitionId }), 'NOT_FOUND');
    await expectZodError(org.member.partitions.get({ id: 'nope' }), /UUID/);
    expect((await org.member.partitions.list()).map((p) => p.id)).not.toContain(other.partitionId);
  });

  it('works with a Bearer API token', async () => {
    expect(await (await bearerCaller(h, org)).partitions.list()).not.toHaveLength(0);
  });
});

describe('partitions.create', () => {
  it('creates a partition with validated fields and a phone field', async () => {
    const p = await org.admin.partitions.create({ name: '계약 고객', fields: FIELDS, phoneField: 'mobile' });
    expect(p).toMatchObject({ name: '계약 고객', phoneField: 'mobile', recordCount: 0 });
    expect(p.fields).toEqual(FIELDS);
    // Another org may use the same name.
    expect((await other.admin.partitions.create({ name: '계약 고객', fields: FIELDS })).phoneField).toBeNull();
  });

  it('refuses a duplicate name in the same org with CONFLICT', async () => {
    const before = await partitionCount();
    await expectTRPCError(org.admin.partitions.create({ name: ' 리드 ', fields: FIELDS }), 'CONFLICT', /"리드" 파티션이 이미 있습니다/);
    expect(await partitionCount()).toBe(before);
  });

  it('lets only one of two simultaneous creates with the same name win; the other gets CONFLICT', async () => {
    const results = await Promise.allSettled([
      org.admin.partitions.create({ name: '동시 생성', fields: FIELDS }),
      org.admin.partitions.create({ name: '동시 생성', fields: FIELDS }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected')!;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT', message: '"동시 생성" 파티션이 이미 있습니다. 다른 이름을 고르세요.' });
  });

  it('refuses invalid field definitions with the zod message and writes nothing', async () => {
    const before = await partitionCount();
    await expectZodError(
      org.admin.partitions.create({ name: 'x1', fields: [FIELDS[0]!, { ...FIELDS[0]!, label: '또' }] }),
      /Duplicate field key "name"/,
    );
    await expectZodError(
      org.admin.partitions.create({ name: 'x2', fields: [{ key: 'stage', label: '단계', type: 'select' }] }),
      /needs at least one option/,
    );
    await expectZodError(org.admin.partitions.create({ name: 'x3', fields: [{ key: 'a', label: 'A', type: 'money' as never }] }), /Field type must be/);
    await expectZodError(org.admin.partitions.create({ name: '', fields: FIELDS }), /Give the partition a name/);
    expect(await partitionCount()).toBe(before);
  });

  it('requires phoneField to name a phone field', async () => {
    const before = await partitionCount();
    await expectTRPCError(org.admin.partitions.create({ name: 'x4', fields: FIELDS, phoneField: 'name' }), 'BAD_REQUEST', /텍스트 필드라서 전화번호 필드로 쓸 수 없습니다/);
    await expectTRPCError(org.admin.partitions.create({ name: 'x5', fields: FIELDS, phoneField: 'fax' }), 'BAD_REQUEST', /이 파티션의 필드에 없습니다/);
    expect(await partitionCount()).toBe(before);
  });

  it('is for admins only', async () => {
    await expectTRPCError(org.member.partitions.create({ name: '멤버 파티션', fields: FIELDS }), 'FORBIDDEN');
    expect(await h.db.partition.count({ where: { name: '멤버 파티션' } })).toBe(0);
  });
});

describe('partitions.update', () => {
  async function partitionWithLink(name: string, link: Record<string, unknown> = {}) {
    const p = await org.admin.partitions.create({ name, fields: FIELDS, phoneField: 'mobile' });
    const l = await org.admin.templateLinks.create({
      partitionId: p.id,
      templateId: org.templateIds.SF_STATUS!,
      name: `${name} 안내`,
      recipientField: 'mobile',
      variableMappings: { 이름: 'name', 상태: 'stage' },
      triggerType: 'on_update',
      triggerCondition: { all: [{ field: 'stage', operator: 'changed_to', value: '계약' }, { field: 'score', operator: 'gte', value: 10 }] },
      ...link,
    });
    return { p, l };
  }

  it('renames and edits labels freely', async () => {
    const { p } = await partitionWithLink('편집용');
    const renamed = await org.admin.partitions.update({
      id: p.id,
      name: '편집용 2',
      fields: FIELDS.map((f) => ({ ...f, label: `${f.label}!` })),
    });
    expect(renamed.name).toBe('편집용 2');
    expect(renamed.fields[0]!.label).toBe('고객명!');
  });

  it('refuses to remove or rename a field an active link uses, naming the links; nothing changes', async () => {
    const { p } = await partitionWithLink('보호');
    const fieldsWithout = (key: string) => FIELDS.filter((f) => f.key !== key);
    await expectTRPCError(org.admin.partitions.update({ id: p.id, fields: fieldsWithout('name') }), 'BAD_REQUEST', /"보호 안내".*이름/);
    await expectTRPCError(org.admin.partitions.update({ id: p.id, fields: fieldsWithout('score') }), 'BAD_REQUEST', /"보호 안내".*score/);
    await expectTRPCError(
      org.admin.partitions.update({ id: p.id, fields: FIELDS.map((f) => (f.key === 'mobile' ? { ...f, key: 'phone2' } : f)), phoneField: 'phone2' }),
      'BAD_REQUEST',
      /켜져 있는 규칙을 망가뜨립니다: "보호 안내".*수신자 필드 "mobile"/,
    );
    // Dropping an option a condition compares with breaks it too.
    await expectTRPCError(
      org.admin.partitions.update({ id: p.id, fields: FIELDS.map((f) => (f.key === 'stage' ? { ...f, options: ['신규'] } : f)) }),
      'BAD_REQUEST',
      /"보호 안내"/,
    );
    const row = await h.db.partition.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.fields).toEqual(FIELDS);
  });

  it('allows the change once the link is off', async () => {
    const { p, l } = await partitionWithLink('끄고 변경');
    await org.admin.templateLinks.setActive({ id: l.id, isActive: false });
    const res = await org.admin.partitions.update({ id: p.id, fields: FIELDS.filter((f) => f.key !== 'score') });
    expect(res.fields.map((f) => f.key)).not.toContain('score');
    // …and turning the broken link back on is refused.
    await expectTRPCError(org.admin.templateLinks.setActive({ id: l.id, isActive: true }), 'BAD_REQUEST', /규칙을 켤 수 없습니다: 발송 조건: "score" 필드는 이 파티션에 없습니다/);
  });

  it('keeps phoneField consistent with the fields', async () => {
    const p = await org.admin.partitions.create({ name: '전화 필드', fields: FIELDS, phoneField: 'mobile' });
    await expectTRPCError(org.admin.partitions.update({ id: p.id, fields: FIELDS.filter((f) => f.key !== 'mobile') }), 'BAD_REQUEST', /전화번호 필드로 고른 "mobile"이\(가\) 이 파티션의 필드에 없습니다/);
    const cleared = await org.admin.partitions.update({ id: p.id, fields: FIELDS.filter((f) => f.key !== 'mobile'), phoneField: null });
    expect(cleared.phoneField).toBeNull();
  });

  it('refuses a name another partition has with CONFLICT', async () => {
    const p = await org.admin.partitions.create({ name: '이름 충돌', fields: FIELDS });
    await expectTRPCError(org.admin.partitions.update({ id: p.id, name: '리드' }), 'CONFLICT', /"리드" 파티션이 이미 있습니다/);
    expect((await h.db.partition.findUniqueOrThrow({ where: { id: p.id } })).name).toBe('이름 충돌');
  });

  it("answers NOT_FOUND for another org's partition and changes nothing there", async () => {
    await expectTRPCError(org.admin.partitions.update({ id: other.partitionId, name: '탈취' }), 'NOT_FOUND');
    expect((await h.db.partition.findUniqueOrThrow({ where: { id: other.partitionId } })).name).toBe('리드');
  });

  it('is for admins only, and works with an admin Bearer token', async () => {
    await expectTRPCError(org.member.partitions.update({ id: org.partitionId, name: '멤버' }), 'FORBIDDEN');
    const p = await org.admin.partitions.create({ name: '토큰용', fields: FIELDS });
    expect((await (await bearerCaller(h, org)).partitions.update({ id: p.id, name: '토큰으로 변경' })).name).toBe('토큰으로 변경');
  });
});
