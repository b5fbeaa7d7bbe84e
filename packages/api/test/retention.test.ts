// Retention: what is older than RETENTION_DAYS goes, what is recent or still in flight stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredData } from '../src/worker/retention.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { insertQueueEntry, insertRecord, insertSendLog, repeatLinkInput } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('보존 기간');
});
afterAll(() => h.close());

const now = new Date('2027-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('retention purge', () => {
  it('deletes send logs, events and finished repeats older than the retention, and failed jobs older than 30 days', async () => {
    const link = await org.admin.templateLinks.create(repeatLinkInput(org, '보존 규칙'));
    const record = await insertRecord(h, org, { 이름: '보존', 전화번호: '01012340000', 상태: '신규' });
    const other = await insertRecord(h, org, { 이름: '진행', 전화번호: '01012340001', 상태: '신규' });
    const oldLog = await insertSendLog(h, org, { createdAt: daysAgo(400) });
    const oldPending = await insertSendLog(h, org, { createdAt: daysAgo(400), status: 'pending' });
    const recentLog = await insertSendLog(h, org, { createdAt: daysAgo(10) });
    const event = (createdAt: Date) => h.db.automationEvent.create({ data: { orgId: org.orgId, recordId: record.id, event: 'create', decision: 'sent', createdAt } });
    const oldEvent = await event(daysAgo(400));
    const recentEvent = await event(daysAgo(10));
    const finished = await insertQueueEntry(h, org, { linkId: link.id, recordId: record.id, status: 'completed' });
    const live = await insertQueueEntry(h, org, { linkId: link.id, recordId: other.id, status: 'pending' });
    await h.db.$executeRaw`UPDATE "AlimtalkAutomationQueue" SET "updatedAt" = ${daysAgo(400)} WHERE id IN (${finished.id}::uuid, ${live.id}::uuid)`;
    await h.db.$executeRaw`SELECT graphile_worker.add_job('retention.test', '{"old":true}'::json, max_attempts := 1)`;
    await h.db.$executeRaw`SELECT graphile_worker.add_job('retention.test', '{"recent":true}'::json, max_attempts := 1)`;
    await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = 1, updated_at = ${daysAgo(31)} WHERE payload->>'old' = 'true'`;
    await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = 1, updated_at = ${daysAgo(5)} WHERE payload->>'recent' = 'true'`;

    const result = await purgeExpiredData(h.db, now, 365);

    expect(result).toEqual({ sendLogs: 1, events: 1, repeats: 1, failedJobs: 1 });
    const logIds = (await h.db.alimtalkSendLog.findMany({ where: { orgId: org.orgId } })).map((l) => l.id);
    expect(logIds).not.toContain(oldLog.id);
    expect(logIds).toEqual(expect.arrayContaining([oldPending.id, recentLog.id]));
    expect((await h.db.automationEvent.findMany({ where: { orgId: org.orgId } })).map((e) => e.id)).toEqual([recentEvent.id]);
    expect(oldEvent.id).not.toBe(recentEvent.id);
    expect((await h.db.alimtalkAutomationQueue.findMany({ where: { orgId: org.orgId } })).map((q) => q.id)).toEqual([live.id]);
    const jobs = await h.db.$queryRaw<{ payload: unknown }[]>`SELECT payload FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'retention.test')`;
    expect(jobs.map((j) => j.payload)).toEqual([{ recent: true }]);
  });
});
