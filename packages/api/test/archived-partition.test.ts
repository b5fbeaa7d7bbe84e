// An archived partition takes no new writes: records cannot be created or changed in it, rules cannot be created,
// changed or switched back on in it, and imports cannot start into it. Each refusal is PRECONDITION_FAILED with a Korean sentence that says to
// restore the partition, and it changes nothing (no row, no evaluation job). Restoring lifts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUED_RECORD_EVENTS } from '../src/services/jobs.ts';
import { LEAD_FIELDS, nextPhone } from './support/fixtures.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('보관 파티션');
});
afterAll(() => h.close());

const ARCHIVED = /보관된 파티션 "[^"]+"에는 .*복원하세요/;
const ENGLISH = /The partition "[^"]+" is archived: restore it before adding or changing its records or rules\./;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const evaluateJobs = (partitionId: string) =>
  h.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (${QUEUED_RECORD_EVENTS}) q WHERE q.payload->>'partitionId' = ${partitionId}`.then((rows) => Number(rows[0]!.n));

const ruleInput = (partitionId: string, name: string) => ({
  partitionId,
  templateId: org.templateIds.SF_WELCOME!,
  name,
  recipientField: 'mobile',
  variableMappings: { 이름: 'name', 전화번호: 'mobile' },
  triggerType: 'on_create' as const,
});

/** A partition with one record, a draft import and one rule, archived with its rule turned off. */
async function archivedPartition(name: string) {
  const partition = await org.admin.partitions.create({ name, fields: LEAD_FIELDS, phoneField: 'mobile' });
  const record = await org.member.records.create({ partitionId: partition.id, data: { name: '기존 고객', mobile: nextPhone(), stage: '신규' } });
  const draft = await org.admin.imports.upload({ partitionId: partition.id, filename: 'leads.csv', contentBase64: b64(`name,mobile\r\n새 고객,${nextPhone()}\r\n`) });
  const rule = await org.admin.templateLinks.create(ruleInput(partition.id, `${name} 환영`));
  await org.admin.partitions.archive({ id: partition.id, deactivateRules: true });
  return { partition, record, draft, rule };
}

describe('an archived partition', () => {
  it('refuses a new record, and neither the record nor its evaluation job is written', async () => {
    const { partition } = await archivedPartition('레코드 추가 보관');
    const jobsBefore = await evaluateJobs(partition.id);
    await expectTRPCError(
      org.member.records.create({ partitionId: partition.id, data: { name: '새 고객', mobile: nextPhone() } }),
      'PRECONDITION_FAILED',
      ARCHIVED,
    );
    expect(await h.db.record.count({ where: { partitionId: partition.id } })).toBe(1);
    expect(await evaluateJobs(partition.id)).toBe(jobsBefore);
  });

  it('refuses changing a record, which keeps its data and enqueues nothing', async () => {
    const { partition, record } = await archivedPartition('레코드 수정 보관');
    const jobsBefore = await evaluateJobs(partition.id);
    await expectTRPCError(org.member.records.update({ id: record.id, data: { stage: '계약' } }), 'PRECONDITION_FAILED', ARCHIVED);
    const stored = await h.db.record.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.data).toEqual(record.data);
    expect(stored.updatedAt).toEqual(record.updatedAt);
    expect(await evaluateJobs(partition.id)).toBe(jobsBefore);
  });

  it('refuses a new rule on it', async () => {
    const { partition } = await archivedPartition('규칙 보관');
    await expectTRPCError(org.admin.templateLinks.create(ruleInput(partition.id, '보관 후 규칙')), 'PRECONDITION_FAILED', ARCHIVED);
    expect(await h.db.alimtalkTemplateLink.count({ where: { partitionId: partition.id, name: '보관 후 규칙' } })).toBe(0);
  });

  it('refuses changing its rule or switching it back on, and the rule stays exactly as it was', async () => {
    const { rule } = await archivedPartition('규칙 수정 보관');
    const before = await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: rule.id } });
    expect(before.isActive).toBe(false);
    await expectTRPCError(org.admin.templateLinks.update({ id: rule.id, name: '보관 중 이름 변경', cooldownHours: 5 }), 'PRECONDITION_FAILED', ARCHIVED);
    await expectTRPCError(org.admin.templateLinks.update({ id: rule.id, isActive: true }), 'PRECONDITION_FAILED', ARCHIVED);
    await expectTRPCError(org.admin.templateLinks.setActive({ id: rule.id, isActive: true }), 'PRECONDITION_FAILED', ARCHIVED);
    // The same sentence in English follows the Korean one.
    await expectTRPCError(org.admin.templateLinks.setActive({ id: rule.id, isActive: true }), 'PRECONDITION_FAILED', ENGLISH);
    expect(await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: rule.id } })).toEqual(before);
    // Turning it off again is not a change that could send anything.
    expect((await org.admin.templateLinks.setActive({ id: rule.id, isActive: false })).isActive).toBe(false);
  });

  it('refuses uploading an import into it and starting one uploaded before the archive', async () => {
    const { partition, draft } = await archivedPartition('가져오기 보관');
    await expectTRPCError(
      org.admin.imports.upload({ partitionId: partition.id, filename: 'more.csv', contentBase64: b64(`name,mobile\r\n또 고객,${nextPhone()}\r\n`) }),
      'PRECONDITION_FAILED',
      ARCHIVED,
    );
    await expectTRPCError(
      org.admin.imports.start({ id: draft.id, mapping: { name: 0, mobile: 1 } }),
      'PRECONDITION_FAILED',
      ARCHIVED,
    );
    expect((await org.admin.imports.get({ id: draft.id })).status).toBe('draft');
    expect(await h.db.recordImport.count({ where: { partitionId: partition.id } })).toBe(1);
  });

  it('takes records and rules again once restored, and reading and deleting stay allowed while archived', async () => {
    const { partition, record } = await archivedPartition('복원');
    expect((await org.member.records.get({ id: record.id })).id).toBe(record.id);
    expect((await org.member.records.list({ partitionId: partition.id })).items).toHaveLength(1);

    await org.admin.partitions.restore({ id: partition.id });
    const added = await org.member.records.create({ partitionId: partition.id, data: { name: '복원 후 고객', mobile: nextPhone() } });
    expect(added.partitionId).toBe(partition.id);
    expect((await org.member.records.update({ id: record.id, data: { stage: '계약' } })).data).toMatchObject({ stage: '계약' });
    expect((await org.admin.templateLinks.create(ruleInput(partition.id, '복원 후 규칙'))).name).toBe('복원 후 규칙');
    const [rule] = (await org.admin.templateLinks.list({ partitionId: partition.id })).filter((l) => l.name === '복원 환영');
    expect((await org.admin.templateLinks.setActive({ id: rule!.id, isActive: true })).isActive).toBe(true);
    expect((await org.admin.templateLinks.update({ id: rule!.id, cooldownHours: 3 })).cooldownHours).toBe(3);
    await org.admin.templateLinks.setActive({ id: rule!.id, isActive: false });

    await org.admin.partitions.archive({ id: partition.id, deactivateRules: true });
    expect(await org.member.records.delete({ id: added.id })).toMatchObject({ id: added.id });
  });
});
