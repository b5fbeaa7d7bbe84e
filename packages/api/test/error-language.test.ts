// A refusal says what to fix in the caller's language: Korean unless the client asks for English (the SPA sends its
// UI language as Accept-Language). The same problem, the same code, only the words differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('언어 테스트');
});
afterAll(() => h.close());

async function adminIn(language: 'ko' | 'en') {
  const { token, hash } = newToken('sess');
  await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 86_400_000) } });
  return h.callerWithCookie(token, { language });
}

const rule = (overrides: Record<string, unknown>) => ({
  partitionId: org.partitionId,
  templateId: org.templateIds.SF_WELCOME!,
  name: `언어 ${Math.random()}`,
  recipientField: '전화번호',
  variableMappings: { 이름: '이름', 전화번호: '전화번호' },
  triggerType: 'on_create' as const,
  ...overrides,
});

describe('refusals in the caller language', () => {
  it('words a rule that cannot be saved in Korean by default and in English for an English caller; nothing is written', async () => {
    const before = await h.db.alimtalkTemplateLink.count({ where: { orgId: org.orgId } });
    const bad = rule({ triggerCondition: { field: '등급', value: 'A' }, variableMappings: { 이름: '이름' } });
    await expectTRPCError(org.admin.templateLinks.create(bad), 'BAD_REQUEST', /^규칙을 저장할 수 없습니다: 변수: #\{전화번호\}에 연결된 필드가 없습니다\. 발송 조건: "등급" 필드는 이 파티션에 없습니다\.$/);
    await expectTRPCError((await adminIn('ko')).templateLinks.create(bad), 'BAD_REQUEST', /^규칙을 저장할 수 없습니다/);
    await expectTRPCError(
      (await adminIn('en')).templateLinks.create(bad),
      'BAD_REQUEST',
      /^The link cannot be saved: Variables: #\{전화번호\} is not mapped to a field\. Trigger condition: Unknown field "등급"\.$/,
    );
    expect(await h.db.alimtalkTemplateLink.count({ where: { orgId: org.orgId } })).toBe(before);
  });

  it('names what was not found, and conflicts, in either language', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectTRPCError(org.admin.partitions.get({ id: missing }), 'NOT_FOUND', /^파티션을 찾을 수 없습니다\.$/);
    await expectTRPCError((await adminIn('en')).partitions.get({ id: missing }), 'NOT_FOUND', /^Partition not found\.$/);
    await expectTRPCError(org.admin.records.get({ id: missing }), 'NOT_FOUND', /^레코드를 찾을 수 없습니다\.$/);
    const name = (await h.db.partition.findUniqueOrThrow({ where: { id: org.partitionId } })).name;
    const fields = [{ key: '이름', label: '이름', type: 'text' as const }];
    await expectTRPCError(org.admin.partitions.create({ name, fields }), 'CONFLICT', new RegExp(`^"${name}" 파티션이 이미 있습니다`));
    await expectTRPCError((await adminIn('en')).partitions.create({ name, fields }), 'CONFLICT', new RegExp(`^A partition named "${name}" already exists`));
  });

  it('lists a saved rule\'s problems and warnings in the caller language', async () => {
    const link = await org.admin.templateLinks.create(rule({}));
    // The partition loses the field the rule sends to: the rule is listed with a problem, in each language.
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { recipientField: '없는필드' } });
    const ko = (await org.admin.templateLinks.get({ id: link.id })).problems;
    const en = (await (await adminIn('en')).templateLinks.get({ id: link.id })).problems;
    expect(ko).toEqual(['이 파티션에는 수신자 필드 "없는필드"가 없습니다.']);
    expect(en).toEqual(['Recipient field "없는필드" is not a field of this partition.']);
    const listed = (await (await adminIn('en')).templateLinks.list({ partitionId: org.partitionId })).find((l) => l.id === link.id);
    expect(listed?.problems).toEqual(en);
  });
});
