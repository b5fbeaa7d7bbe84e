// The partition editor's API: dry-run checks, turning broken rules off on purpose, retyping guarded by stored
// values, archive / restore, and who may do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_FIELDS } from './support/fixtures.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError, insertRecord } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

const FIELDS = [...LEAD_FIELDS, { key: 'memo', label: '메모', type: 'text' as const }];

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('편집기');
  other = await h.createOrg('남의 회사');
});
afterAll(() => h.close());

async function partitionWithRule(name: string) {
  const p = await org.admin.partitions.create({ name, fields: FIELDS, phoneField: 'mobile' });
  const rule = await org.admin.templateLinks.create({
    partitionId: p.id,
    templateId: org.templateIds.SF_STATUS!,
    name: `${name} 점수 안내`,
    recipientField: 'mobile',
    variableMappings: { 이름: 'name', 상태: 'stage' },
    triggerType: 'on_create',
    triggerCondition: { field: 'score', operator: 'gte', value: 10 },
  });
  return { p, rule };
}

describe('checkUpdate and deactivateBrokenRules', () => {
  it('names the rules a change would break without changing anything', async () => {
    const { p, rule } = await partitionWithRule('미리 확인');
    const check = await org.admin.partitions.checkUpdate({ id: p.id, fields: FIELDS.filter((f) => f.key !== 'score') });
    expect(check.brokenRules).toEqual([{ id: rule.id, name: '미리 확인 점수 안내', problems: [expect.stringMatching(/score/)] }]);
    expect((await h.db.partition.findUniqueOrThrow({ where: { id: p.id } })).fields).toEqual(FIELDS);
    const harmless = await org.admin.partitions.checkUpdate({ id: p.id, fields: FIELDS.filter((f) => f.key !== 'memo') });
    expect(harmless).toEqual({ brokenRules: [], retypedWithData: [] });
  });

  it('with deactivateBrokenRules saves the change and turns exactly those rules off', async () => {
    const { p, rule } = await partitionWithRule('끄고 저장');
    const unrelated = await org.admin.templateLinks.create({
      partitionId: p.id,
      templateId: org.templateIds.SF_WELCOME!,
      name: '무관한 규칙',
      recipientField: 'mobile',
      variableMappings: { 이름: 'name', 전화번호: 'mobile' },
      triggerType: 'manual',
    });
    const saved = await org.admin.partitions.update({ id: p.id, fields: FIELDS.filter((f) => f.key !== 'score'), deactivateBrokenRules: true });
    expect(saved.deactivatedRules).toEqual([{ id: rule.id, name: '끄고 저장 점수 안내' }]);
    expect(saved.fields.map((f) => f.key)).not.toContain('score');
    expect((await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: rule.id } })).isActive).toBe(false);
    expect((await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: unrelated.id } })).isActive).toBe(true);
  });

  it('adds, relabels and reorders fields of every type, and chooses the phone field', async () => {
    const p = await org.admin.partitions.create({ name: '필드 편집', fields: [{ key: '이름', label: '이름', type: 'text' }] });
    const next = [
      { key: '금액', label: '계약 금액', type: 'number' as const },
      { key: '이름', label: '고객 이름', type: 'text' as const },
      { key: '방문일', label: '방문일', type: 'date' as const },
      { key: '등급', label: '등급', type: 'select' as const, options: ['A', 'B'] },
      { key: '연락처', label: '연락처', type: 'phone' as const },
    ];
    const saved = await org.admin.partitions.update({ id: p.id, fields: next, phoneField: '연락처' });
    expect(saved.fields).toEqual(next);
    expect(saved.phoneField).toBe('연락처');
  });
});

describe('type changes', () => {
  it('refuses to retype a field that records hold values for, and allows it while empty; data is untouched', async () => {
    const p = await org.admin.partitions.create({ name: '타입 변경', fields: FIELDS, phoneField: 'mobile' });
    const record = await insertRecord(h, org, { name: '값 있음', memo: '1200' }, p.id);
    const retyped = FIELDS.map((f) => (f.key === 'memo' ? { ...f, type: 'number' as const } : f));
    const check = await org.admin.partitions.checkUpdate({ id: p.id, fields: retyped });
    expect(check.retypedWithData).toEqual([{ key: 'memo', label: '메모', from: 'text', to: 'number', records: 1 }]);
    await expectTRPCError(org.admin.partitions.update({ id: p.id, fields: retyped }), 'BAD_REQUEST', /값이 들어 있는 필드의 형식은 바꿀 수 없습니다: "메모" \(텍스트 → 숫자, 값이 있는 레코드 1건\)/);
    expect((await h.db.record.findUniqueOrThrow({ where: { id: record.id } })).data).toEqual({ name: '값 있음', memo: '1200' });

    const emptyRetype = FIELDS.map((f) => (f.key === 'score' ? { ...f, type: 'text' as const } : f));
    expect((await org.admin.partitions.update({ id: p.id, fields: emptyRetype })).fields.find((f) => f.key === 'score')?.type).toBe('text');
  });
});

describe('archive and restore', () => {
  it('refuses while rules are active (naming them), archives with deactivateRules, hides it from the default list, restores', async () => {
    const { p, rule } = await partitionWithRule('보관');
    await insertRecord(h, org, { name: '보관될 고객' }, p.id);
    await expectTRPCError(org.admin.partitions.archive({ id: p.id }), 'CONFLICT', /"보관 점수 안내"/);
    expect((await h.db.partition.findUniqueOrThrow({ where: { id: p.id } })).archivedAt).toBeNull();

    const archived = await org.admin.partitions.archive({ id: p.id, deactivateRules: true });
    expect(archived.archivedAt).toEqual(expect.any(String));
    expect(archived.deactivatedRules).toEqual([{ id: rule.id, name: '보관 점수 안내' }]);
    expect((await org.member.partitions.list()).map((x) => x.id)).not.toContain(p.id);
    const all = await org.admin.partitions.list({ includeArchived: true });
    expect(all.find((x) => x.id === p.id)).toMatchObject({ recordCount: 1 });

    const restored = await org.admin.partitions.restore({ id: p.id });
    expect(restored.archivedAt).toBeNull();
    expect((await org.member.partitions.list()).map((x) => x.id)).toContain(p.id);
  });

  it('is for admins of the same org only', async () => {
    await expectTRPCError(org.member.partitions.archive({ id: org.partitionId }), 'FORBIDDEN');
    await expectTRPCError(org.member.partitions.checkUpdate({ id: org.partitionId, name: 'x' }), 'FORBIDDEN');
    await expectTRPCError(org.admin.partitions.archive({ id: other.partitionId }), 'NOT_FOUND');
    await expectTRPCError(org.admin.partitions.restore({ id: other.partitionId }), 'NOT_FOUND');
    expect((await h.db.partition.findUniqueOrThrow({ where: { id: other.partitionId } })).archivedAt).toBeNull();
  });
});
