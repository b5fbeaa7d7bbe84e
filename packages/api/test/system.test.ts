// system router: the System page's figures, and failed jobs an org admin may see and act on — their org's only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary } from '../src/ops/failed-jobs.ts';
import { readOpsSnapshot, resultCodeLabel } from '../src/ops/snapshot.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError, insertSendLog } from './support/router-helpers.ts';

let h: Harness;
let a: TestOrg;
let b: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  a = await h.createOrg('시스템 A');
  b = await h.createOrg('시스템 B');
});
afterAll(() => h.close());

/** A job left as graphile-worker leaves one whose last attempt failed. */
async function failedJob(task: string, payload: object, error = 'boom'): Promise<string> {
  const rows = await h.db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json, run_at => now() + interval '1 day', max_attempts => 2)`;
  await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = 2, last_error = ${error} WHERE id = ${rows[0]!.id}::bigint`;
  return rows[0]!.id;
}

const evaluatePayload = (org: TestOrg) => ({ eventId: crypto.randomUUID(), orgId: org.orgId, recordId: crypto.randomUUID(), partitionId: org.partitionId, event: 'create', before: null, after: { 이름: '홍길동' }, at: new Date().toISOString() });

describe('system.overview', () => {
  it('is for admins only', async () => {
    await expectTRPCError(a.member.system.overview(), 'FORBIDDEN');
  });

  it("shows the org's failed sends of the last 24 h by NHN code, and the sandbox mode", async () => {
    await insertSendLog(h, a, { status: 'failed', resultCode: '-3014' });
    await insertSendLog(h, a, { status: 'failed', resultCode: '-3014' });
    await insertSendLog(h, a, { status: 'failed', resultCode: 'CONFIG' });
    await insertSendLog(h, b, { status: 'failed', resultCode: '-9999' });
    const old = await insertSendLog(h, a, { status: 'failed', resultCode: '-1000' });
    await h.db.$executeRaw`UPDATE "AlimtalkSendLog" SET "updatedAt" = now() - interval '25 hours' WHERE id = ${old.id}::uuid`;
    const view = await a.admin.system.overview();
    expect(view.mode).toBe('sandbox');
    expect(view.failedSends.total).toBe(3);
    expect(view.failedSends.topCodes).toEqual([
      { code: '-3014', count: 2 },
      { code: 'CONFIG', count: 1 },
    ]);
  });
});

describe('failed jobs', () => {
  it("lists only the caller's org's jobs (record events, sends) and counts the rest", async () => {
    const ownEval = await failedJob('automation.evaluate', evaluatePayload(a), 'Invalid `prisma.record.findMany()` invocation in\n/srv/app/src/x.ts:12:3\n\nSELECT secret');
    const log = await insertSendLog(h, a, { status: 'pending' });
    const ownSend = await failedJob('alimtalk.send', { sendLogId: log.id });
    const theirs = await failedJob('automation.evaluate', evaluatePayload(b));
    // A batch job (records created together) is its org's too, named by its first record.
    const batch = [evaluatePayload(a), evaluatePayload(a)];
    const ownBatch = await failedJob('automation.evaluate', batch);
    await failedJob('automation.evaluate', [evaluatePayload(b)]);
    const theirLog = await insertSendLog(h, b, { status: 'pending' });
    await failedJob('alimtalk.send', { sendLogId: theirLog.id });
    await failedJob('sessions.purge-expired', {});

    const { jobs, otherFailed } = (await a.admin.system.overview()).failedJobs;
    expect(jobs.map((j) => j.id).sort()).toEqual([ownEval, ownSend, ownBatch].sort());
    expect(otherFailed).toBe(4);
    expect(jobs.find((j) => j.id === ownBatch)).toMatchObject({ subjectId: batch[0]!.recordId });
    const evalJob = jobs.find((j) => j.id === ownEval)!;
    expect(evalJob).toMatchObject({ task: 'automation.evaluate', attempts: 2 });
    expect(evalJob.lastError).not.toMatch(/srv|SELECT/);
    expect(JSON.stringify(jobs)).not.toContain('홍길동');

    // Another org's job id is "not found", whether retried or discarded; nothing changes.
    await expectTRPCError(a.admin.system.retryJob({ id: theirs }), 'NOT_FOUND');
    await expectTRPCError(a.admin.system.discardJob({ id: theirs }), 'NOT_FOUND');
    await expectTRPCError(a.member.system.retryJob({ id: ownEval }), 'FORBIDDEN');
    expect((await b.admin.system.overview()).failedJobs.jobs.map((j) => j.id)).toContain(theirs);
  });

  it('retry runs a job again from its first attempt; discard deletes it; a second try is not found', async () => {
    const retryId = await failedJob('automation.evaluate', evaluatePayload(a));
    const discardId = await failedJob('automation.evaluate', evaluatePayload(a));
    expect(await a.admin.system.retryJob({ id: retryId })).toEqual({ id: retryId, retried: true });
    const [job] = await h.db.$queryRaw<{ attempts: number; due: boolean; last_error: string | null }[]>`
      SELECT attempts, run_at <= now() AS due, last_error FROM graphile_worker._private_jobs WHERE id = ${retryId}::bigint`;
    expect(job).toEqual({ attempts: 0, due: true, last_error: null });
    await expectTRPCError(a.admin.system.retryJob({ id: retryId }), 'NOT_FOUND');

    expect(await a.admin.system.discardJob({ id: discardId })).toEqual({ id: discardId, discarded: true });
    expect(await h.db.$queryRaw`SELECT 1 FROM graphile_worker._private_jobs WHERE id = ${discardId}::bigint`).toEqual([]);
    await expectTRPCError(a.admin.system.discardJob({ id: discardId }), 'NOT_FOUND');
  });

  it('refuses a job id that is not a number with a message in both languages', async () => {
    await expectTRPCError(a.admin.system.retryJob({ id: '1; DROP TABLE x' }), 'BAD_REQUEST', /작업 번호는 숫자입니다/);
  });
});

describe('ops snapshot', () => {
  it('reads queue depth, failed jobs and lag from the queue, and sends by status from the send log', async () => {
    await h.db.$executeRaw`SELECT graphile_worker.add_job('automation.evaluate', ${JSON.stringify(evaluatePayload(a))}::json)`;
    await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET created_at = now() - interval '90 seconds'
      WHERE attempts = 0 AND task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'automation.evaluate')`;
    const s = await readOpsSnapshot(h.db, 60_000);
    expect(s.evaluationLagSeconds).toBeGreaterThanOrEqual(90);
    expect(s.evaluationLagSeconds).toBeLessThan(120);
    const evaluate = s.queues.find((q) => q.task === 'automation.evaluate')!;
    // Waiting: the retried job of the test above and this one; failed: org A's and org B's left from above, single
    // and batch.
    expect(evaluate).toMatchObject({ depth: 2, running: 0, failed: 4 });
    const counts = await h.db.alimtalkSendLog.groupBy({ by: ['status'], _count: { _all: true } });
    expect(s.sendsByStatus).toEqual(expect.arrayContaining(counts.map((c) => ({ status: c.status, count: c._count._all }))));
  });

  it('counts a batch job by its entries: the depth is record events waiting, not job rows', async () => {
    const depth = async () => (await readOpsSnapshot(h.db, 60_000)).queues.find((q) => q.task === 'automation.evaluate')?.depth ?? 0;
    const before = await depth();
    const batch = [evaluatePayload(a), evaluatePayload(a), evaluatePayload(a)];
    const [job] = await h.db.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM graphile_worker.add_job('automation.evaluate', ${JSON.stringify(batch)}::json)`;
    const id = job!.id;
    expect(await depth()).toBe(before + 3);
    // A batch that used up its attempts is failed work, not waiting work.
    await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts WHERE id = ${id}::bigint`;
    expect(await depth()).toBe(before);
    await h.db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${id}::bigint`;
  });

  it('never turns free text into a label or a path into an answer', () => {
    expect(resultCodeLabel('-3014')).toBe('-3014');
    expect(resultCodeLabel(null)).toBe('none');
    expect(resultCodeLabel('홍길동 010-1234-5678')).toBe('other');
    expect(errorSummary('failed at /home/app/src/send.ts:10:5 today')).toBe('failed at … today');
    expect(errorSummary('line one\nline two')).toBe('line one');
    expect(errorSummary(null)).toBeNull();
  });
});
