import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRecordWithJob } from '../src/services/record-insert-batch.ts';
import { QUEUED_RECORD_EVENTS, TASKS } from '../src/services/jobs.ts';
import { createEventFor, createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('묶음 쓰기');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

const evaluateJobsOf = (recordIds: string[]) =>
  h.db.$queryRaw<{ recordId: string; orgId: string; event: string; jobId: string }[]>`
    SELECT q.payload->>'recordId' AS "recordId", q.payload->>'orgId' AS "orgId", q.payload->>'event' AS event, q."jobId"
      FROM (${QUEUED_RECORD_EVENTS}) q WHERE q.payload->>'recordId' = ANY(${recordIds}::text[])`;

// Rows written by one transaction share its xmin: how many transactions the creations took.
const transactionsOf = async (recordIds: string[]) => {
  const [row] = await h.db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT xmin::text)::int AS n FROM "Record" WHERE id = ANY(${recordIds}::uuid[])`;
  return row!.n;
};

describe('concurrent record creations', () => {
  it('share statements, and every record still gets exactly its own evaluate job in its own org', async () => {
    const create = (o: TestOrg, i: number) => o.admin.records.create({ partitionId: o.partitionId, data: { 이름: `고객${i}`, 전화번호: nextPhone(), 상태: '신규' } });
    const [mine, theirs] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, (_, i) => create(org, i))),
      Promise.all(Array.from({ length: 10 }, (_, i) => create(other, i))),
    ]);
    const ids = mine.map((r) => r.id);
    expect(new Set(ids).size).toBe(40);
    expect(mine.every((r) => r.orgId === org.orgId && r.partitionId === org.partitionId)).toBe(true);
    expect(theirs.every((r) => r.orgId === other.orgId)).toBe(true);
    // Each caller got its own row back, with its own data.
    expect(mine.map((r) => (r.data as Record<string, string>)['이름'])).toEqual(Array.from({ length: 40 }, (_, i) => `고객${i}`));

    const jobs = await evaluateJobsOf([...ids, ...theirs.map((r) => r.id)]);
    expect(jobs).toHaveLength(50);
    expect(jobs.filter((j) => ids.includes(j.recordId)).every((j) => j.orgId === org.orgId && j.event === 'create')).toBe(true);
    expect(new Set(jobs.map((j) => j.recordId)).size).toBe(50);
    expect(await transactionsOf(ids)).toBeLessThan(40);
    // and the records of one statement share one batch job
    expect(new Set(jobs.filter((j) => ids.includes(j.recordId)).map((j) => j.jobId)).size).toBeLessThan(40);
  });

  it('a row that cannot be written fails alone: the others of its statement are written with their jobs', async () => {
    const at = new Date();
    const { updatedAt } = await h.db.partition.findUniqueOrThrow({ where: { id: org.partitionId } });
    const row = (data: Record<string, string>) => {
      const id = randomUUID();
      return { id, orgId: org.orgId, partitionId: org.partitionId, data, at, partitionVersion: updatedAt, job: { task: TASKS.evaluate, payload: { recordId: id, orgId: org.orgId }, maxAttempts: 10 } };
    };
    const good = Array.from({ length: 6 }, () => row({ 이름: '홍길동' }));
    const bad = row({ 이름: 'NUL \u0000 inside' }); // Postgres refuses it in jsonb, and with it the whole statement
    const results = await Promise.allSettled([good[0]!, good[1]!, bad, ...good.slice(2)].map((r) => insertRecordWithJob(h.db, r)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await h.db.record.count({ where: { id: { in: good.map((g) => g.id) } } })).toBe(6);
    expect(await h.db.record.count({ where: { id: bad.id } })).toBe(0);
    const jobs = await evaluateJobsOf([...good.map((g) => g.id), bad.id]);
    expect(jobs.map((j) => j.recordId).sort()).toEqual(good.map((g) => g.id).sort());
  });

  it('a row checked against an older version of its partition is not written and gets no job', async () => {
    const { updatedAt } = await h.db.partition.findUniqueOrThrow({ where: { id: org.partitionId } });
    const id = randomUUID();
    const result = await insertRecordWithJob(h.db, {
      id,
      orgId: org.orgId,
      partitionId: org.partitionId,
      data: { 이름: '옛 버전' },
      at: new Date(),
      partitionVersion: new Date(updatedAt.getTime() - 1000),
      job: { task: TASKS.evaluate, payload: { recordId: id }, maxAttempts: 10 },
    });
    expect(result).toEqual({ written: false });
    expect(await h.db.record.count({ where: { id } })).toBe(0);
    expect(await evaluateJobsOf([id])).toEqual([]);
  });

  it('creating right after the partition changed follows the change: a new field is accepted, an archived partition refused', async () => {
    const partition = await org.admin.partitions.create({ name: '바로 바뀌는 파티션', fields: [{ key: '이름', label: '이름', type: 'text' }] });
    await org.admin.records.create({ partitionId: partition.id, data: { 이름: '처음' } }); // this process now knows the partition
    await org.admin.partitions.update({ id: partition.id, fields: [{ key: '이름', label: '이름', type: 'text' }, { key: '메모', label: '메모', type: 'text' }] });
    const withNewField = await org.admin.records.create({ partitionId: partition.id, data: { 이름: '다음', 메모: '새 필드' } });
    expect(withNewField.data).toEqual({ 이름: '다음', 메모: '새 필드' });
    await org.admin.partitions.update({ id: partition.id, fields: [{ key: '이름', label: '이름', type: 'text' }] });
    await expect(org.admin.records.create({ partitionId: partition.id, data: { 이름: '다다음', 메모: '지워진 필드' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('메모'),
    });
    await org.admin.partitions.archive({ id: partition.id, deactivateRules: true });
    await expect(org.admin.records.create({ partitionId: partition.id, data: { 이름: '보관 뒤' } })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await h.db.record.count({ where: { partitionId: partition.id } })).toBe(2);
  });
});

describe('an evaluate batch job', () => {
  it('evaluates its entries once each, and an entry that fails is all that is retried', async () => {
    const link = await createLink(h, org, { name: 'batch job retry' });
    const records = await Promise.all(
      ['하나', '둘'].map((name) => h.db.record.create({ data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: name, 전화번호: nextPhone(), 상태: '신규' } } })),
    );
    const good = records.map((r) => createEventFor(r, `batch-${r.id}`));
    const bad = { ...createEventFor(records[0]!, `batch-bad-${records[0]!.id}`), orgId: 'not-an-org-id' };
    await h.db.$executeRaw`SELECT graphile_worker.add_job(${TASKS.evaluate}, ${JSON.stringify([good[0], bad, good[1]])}::json, max_attempts => 5)`;
    const worker = await h.startWorker({ cron: false });
    try {
      const left = await eventually(async () => {
        const rows = await h.db.$queryRaw<{ attempts: number; payload: { eventId: string } }[]>`
          SELECT q.attempts, q.payload FROM (${QUEUED_RECORD_EVENTS}) q WHERE q.payload->>'eventId' LIKE 'batch-%'`;
        return rows.length === 1 && rows[0]!.attempts >= 1 ? rows : null;
      }, 15_000, 'the failed entry to be the only one left');
      expect(left[0]!.payload.eventId).toBe(bad.eventId);
      const fired = await h.db.automationEvent.findMany({ where: { linkId: link.id, recordId: { in: records.map((r) => r.id) } } });
      expect(fired.map((e) => e.recordId).sort()).toEqual(records.map((r) => r.id).sort());
      expect(fired.every((e) => e.decision === 'fired')).toBe(true);
    } finally {
      await worker.stop();
      await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
    }
  });
});
