// An evaluation of a few events sends in its own job (evaluate.ts SEND_HERE_MAX_EVENTS): the group's send job is
// locked for the evaluating worker's pool inside the evaluation's transaction and run right after its commit. No
// worker runs in these tests unless started, so a row that reaches NHN was sent by the evaluation itself.
import type { Prisma } from '@alimflow/db';
import { Logger } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateJobBatch, SEND_HERE_MAX_EVENTS } from '../src/services/evaluate.ts';
import { holdKeyedJob } from '../src/services/job-batch.ts';
import { enqueueEvaluation } from '../src/services/records.ts';
import { enqueueSendGroup, sendGroupKey } from '../src/services/jobs.ts';
import { recoverSilentWorkers } from '../src/worker/recovery.ts';
import { createTaskList } from '../src/worker/tasks.ts';
import { startWorkerProcess } from '../src/worker/runner.ts';
import { createEventFor, createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness({ deliveryDelayMs: 20 });
  org = await h.createOrg('발송 직행');
});
afterAll(() => h.close());

const newRecord = (name: string) =>
  h.db.record.create({ data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: name, 전화번호: nextPhone(), 상태: '신규' } } });
const jobsWithKey = (key: string) =>
  h.db.$queryRaw<{ locked_by: string | null }[]>`SELECT locked_by FROM graphile_worker._private_jobs WHERE key = ${key}`;
const startWorker = () =>
  startWorkerProcess({
    connectionString: h.database.url,
    db: h.db,
    logger: h.deps.logger,
    workerLogger: new Logger(() => () => {}),
    concurrency: 2,
    taskList: createTaskList(h.deps),
    cronItems: [],
    silentAfterMs: 60_000,
    pollInterval: 200,
  });
const receivedFor = (sendLogId: string) => h.fakeNhn.received().filter((m) => m.recipientGroupingKey === sendLogId);

/** What an evaluation's transaction writes for one fired record: its pending row and the group's send job. */
async function pendingRowWithGroupJob(tx: Prisma.TransactionClient, linkId: string, record: { id: string; data: unknown }, dedupeKey: string) {
  const data = record.data as { 이름: string; 전화번호: string };
  const { template } = await tx.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: linkId }, include: { template: true } });
  const row = await tx.alimtalkSendLog.create({
    data: {
      orgId: org.orgId,
      linkId,
      recordId: record.id,
      templateCode: template.templateCode,
      senderKey: template.senderKey,
      recipientNo: data.전화번호,
      content: `${data.이름}님, 문의해 주셔서 감사합니다.`,
      templateParameter: { 이름: data.이름, 전화번호: data.전화번호 },
      triggerType: 'auto',
      dedupeKey,
    },
  });
  const group = { orgId: row.orgId, templateCode: row.templateCode, senderKey: row.senderKey };
  await enqueueSendGroup(tx, group);
  return { row, group };
}

describe('sending right after a small evaluation', () => {
  it('one event: its send reaches NHN before the evaluate job returns, once, and no send job is left', async () => {
    const link = await createLink(h, org, { name: 'direct send' });
    const record = await newRecord('직행');
    const { summary } = await evaluateJobBatch(h.deps, [createEventFor(record, `direct-${record.id}`)], 'pool-direct');
    expect(summary).toMatchObject({ events: 1, fired: 1 });
    const [log] = await h.db.alimtalkSendLog.findMany({ where: { recordId: record.id } });
    expect(log).toMatchObject({ status: 'accepted', attempts: 1 });
    expect(receivedFor(log!.id)).toHaveLength(1);
    expect(await jobsWithKey(sendGroupKey(log!))).toEqual([]);
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });

  it('a backlog (more events than SEND_HERE_MAX_EVENTS) leaves its sends to the group job, unlocked in the queue', async () => {
    const link = await createLink(h, org, { name: 'backlog send' });
    const records: Awaited<ReturnType<typeof newRecord>>[] = [];
    for (let i = 0; i <= SEND_HERE_MAX_EVENTS; i++) records.push(await newRecord(`적체${i}`));
    await h.db.$transaction(async (tx) => {
      for (const r of records.slice(1)) await enqueueEvaluation(tx, createEventFor(r, `backlog-${r.id}`));
    });
    const { summary } = await evaluateJobBatch(h.deps, [createEventFor(records[0]!, `backlog-${records[0]!.id}`)], 'pool-backlog');
    expect(summary).toMatchObject({ events: SEND_HERE_MAX_EVENTS + 1, fired: SEND_HERE_MAX_EVENTS + 1 });
    const logs = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id } });
    expect(logs.map((l) => l.status)).toEqual(logs.map(() => 'pending'));
    expect(await jobsWithKey(sendGroupKey(logs[0]!))).toEqual([{ locked_by: null }]);
    expect(h.fakeNhn.received().filter((m) => logs.some((l) => l.id === m.recipientGroupingKey))).toEqual([]);

    const worker = await startWorker();
    try {
      await eventually(async () => (await h.db.alimtalkSendLog.count({ where: { linkId: link.id, status: 'accepted' } })) === logs.length || null, 30_000, 'the backlog accepted');
      for (const l of logs) expect(receivedFor(l.id)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });

  it('a process that died between the commit and its send: recovery hands the held send job back and it is sent once', async () => {
    const link = await createLink(h, org, { name: 'held then dead' });
    const record = await newRecord('보류중사망');
    // What the evaluation's transaction commits, minus the send after it: the row, its group job held by the pool.
    const log = await h.db.$transaction(async (tx) => {
      const { row, group } = await pendingRowWithGroupJob(tx, link.id, record, `held-${record.id}`);
      expect(await holdKeyedJob(tx, sendGroupKey(group), 'pool-died')).not.toBeNull();
      return row;
    });
    expect(await jobsWithKey(sendGroupKey(log))).toEqual([{ locked_by: 'pool-died' }]);
    await h.db.$executeRaw`INSERT INTO "WorkerHeartbeat" (id, "poolIds", hostname, pid, "lastSeenAt")
      VALUES ('died-after-commit', ARRAY['pool-died'], 'gone', 1, now() - interval '5 minutes')`;
    expect(await recoverSilentWorkers(h.db, 60_000)).toMatchObject({ silentWorkers: 1, unlockedJobs: 1 });

    const worker = await startWorker();
    try {
      await eventually(async () => (await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: log.id } })).status === 'accepted' || null, 15_000, 'the held send accepted');
      expect(receivedFor(log.id)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });
  it('rows claimed with their held job in the same statement: a process that died after the commit has them released by recovery and sent once', async () => {
    const link = await createLink(h, org, { name: 'claimed then dead' });
    const record = await newRecord('청구후사망');
    const log = await h.db.$transaction(async (tx) => {
      const { row, group } = await pendingRowWithGroupJob(tx, link.id, record, `claimed-${record.id}`);
      const now = new Date();
      const held = await holdKeyedJob(tx, sendGroupKey(group), 'pool-died-claimed', { ids: [row.id], until: new Date(now.getTime() + 120_000), now });
      expect(held).toMatchObject({ fresh: true });
      return row;
    });
    // Committed as a send job's own claim would be: an attempt counted, claimed, and the job naming its first row.
    const claimed = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: log.id } });
    expect(claimed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(claimed.claimedUntil).not.toBeNull();
    const [job] = await h.db.$queryRaw<{ locked_by: string; payload: { sendLogId?: string } }[]>`
      SELECT locked_by, payload FROM graphile_worker._private_jobs WHERE key = ${sendGroupKey(log)}`;
    expect(job).toMatchObject({ locked_by: 'pool-died-claimed', payload: { sendLogId: log.id } });

    await h.db.$executeRaw`INSERT INTO "WorkerHeartbeat" (id, "poolIds", hostname, pid, "lastSeenAt")
      VALUES ('died-after-claim', ARRAY['pool-died-claimed'], 'gone', 1, now() - interval '5 minutes')`;
    expect(await recoverSilentWorkers(h.db, 60_000)).toMatchObject({ silentWorkers: 1, unlockedJobs: 1 });
    expect((await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: log.id } })).claimedUntil).toBeNull();
    const worker = await startWorker();
    try {
      await eventually(async () => (await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: log.id } })).status === 'accepted' || null, 15_000, 'the claimed send accepted');
      expect(receivedFor(log.id)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });

  it('a held group job another batch had folded into: after its own rows it drains the group, so the other batch is sent too', async () => {
    const link = await createLink(h, org, { name: 'folded group' });
    const earlier = await newRecord('먼저');
    // Another evaluation's committed row and the group job it left waiting (a backlog's batch, say).
    const waiting = await h.db.$transaction(async (tx) => (await pendingRowWithGroupJob(tx, link.id, earlier, `folded-${earlier.id}`)).row);
    const record = await newRecord('나중');
    const { summary } = await evaluateJobBatch(h.deps, [createEventFor(record, `folded-${record.id}`)], 'pool-folded');
    expect(summary).toMatchObject({ events: 1, fired: 1 });
    const logs = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id }, orderBy: { createdAt: 'asc' } });
    expect(logs.map((l) => [l.id === waiting.id, l.status])).toEqual([[true, 'accepted'], [false, 'accepted']]);
    for (const l of logs) expect(receivedFor(l.id)).toHaveLength(1);
    expect(await jobsWithKey(sendGroupKey(waiting))).toEqual([]);
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });
});
