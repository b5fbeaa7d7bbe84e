// Worker recovery against a real Postgres and real graphile-worker runners: a worker process that went silent
// (kill -9, lost host) has its locked jobs returned and run; live workers keep theirs; a clean stop leaves no row;
// and the tasks a recovered job re-runs (evaluate, the repeat sweep) do not send or advance twice.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { Prisma } from '@alimflow/db';
import { Logger } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRecordEvent } from '../src/services/evaluate.ts';
import { processDueRepeats } from '../src/services/repeats.ts';
import { processSendJob } from '../src/services/send.ts';
import { createTaskList, cronItems } from '../src/worker/tasks.ts';
import { releaseOrphans } from '../src/worker/heartbeat.ts';
import { recoverSilentWorkers, recoveryTask } from '../src/worker/recovery.ts';
import { startWorkerProcess, type WorkerProcess } from '../src/worker/runner.ts';
import { createEventFor, createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

const HOUR = 3_600_000;
let offset = 0;
let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offset), deliveryDelayMs: 20 });
  org = await h.createOrg('복구 테스트');
});
afterAll(() => h.close());

const silentLogger = new Logger(() => () => {});
function workerProcess(silentAfterMs = 2_000): Promise<WorkerProcess> {
  return startWorkerProcess({
    connectionString: h.database.url,
    db: h.db,
    logger: h.deps.logger,
    workerLogger: silentLogger,
    concurrency: 2,
    taskList: createTaskList(h.deps),
    cronItems: [],
    silentAfterMs,
    pollInterval: 200,
  });
}

/** Locks every queued job of `task` the way a worker pool does, as if that pool had died holding them. */
async function lockAs(poolId: string, task: string, agoSeconds: number) {
  return h.db
    .$executeRaw`UPDATE graphile_worker._private_jobs j SET locked_by = ${poolId}, locked_at = now() - make_interval(secs => ${agoSeconds})
    FROM graphile_worker._private_tasks t WHERE t.id = j.task_id AND t.identifier = ${task} AND j.locked_by IS NULL`;
}
async function deadHeartbeat(id: string, poolIds: string[], agoSeconds: number) {
  await h.db.$executeRaw`INSERT INTO "WorkerHeartbeat" (id, "poolIds", hostname, pid, "lastSeenAt")
    VALUES (${id}, ${poolIds}::text[], 'gone', 1, now() - make_interval(secs => ${agoSeconds}))`;
}
const lockedBy = async (poolId: string) =>
  Number(
    (
      await h.db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE locked_by = ${poolId}`
    )[0]!.n,
  );
const logsFor = (recordId: string) => h.db.alimtalkSendLog.findMany({ where: { recordId } });

describe('worker recovery', () => {
  it("returns a silent worker's locked jobs to the queue and forgets the worker", async () => {
    await h.db
      .$executeRaw`SELECT graphile_worker.add_job('sessions.purge-expired', '{}'::json, job_key => 'recovery-direct-' || n::text, run_at => now() + interval '1 hour') FROM generate_series(1, 3) n`;
    expect(await lockAs('pool-killed', 'sessions.purge-expired', 300)).toBe(3);
    await deadHeartbeat('killed-host:1', ['pool-killed'], 300);
    expect(await recoverSilentWorkers(h.db, 60_000)).toEqual({ silentWorkers: 1, unlockedJobs: 3 });
    expect(await lockedBy('pool-killed')).toBe(0);
    expect(await h.db.workerHeartbeat.findUnique({ where: { id: 'killed-host:1' } })).toBeNull();
    // A second sweep finds nothing left to do.
    expect(await recoverSilentWorkers(h.db, 60_000)).toEqual({ silentWorkers: 0, unlockedJobs: 0 });
    await h.db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'recovery-direct-%'`;
  });

  it("a live worker process hands back a killed worker's evaluate jobs by itself; each record is sent once", async () => {
    const link = await createLink(h, org, { name: 'recovery welcome' });
    const records = [];
    for (let i = 0; i < 3; i++) {
      records.push(
        await org.admin.records.create({
          partitionId: org.partitionId,
          data: { 이름: `복구${i}`, 전화번호: nextPhone(), 상태: '신규' },
        }),
      );
    }
    expect(await lockAs('pool-killed-2', 'automation.evaluate', 300)).toBe(3);
    await deadHeartbeat('killed-host:2', ['pool-killed-2'], 300);

    const worker = await workerProcess();
    try {
      for (const record of records) {
        const [log] = await eventually(
          async () => {
            const logs = await logsFor(record.id);
            return logs.length && logs.every((l) => l.status === 'accepted') ? logs : null;
          },
          15_000,
          `accepted send for ${record.id}`,
        );
        expect(
          h.fakeNhn.received().filter((m) => m.recipientGroupingKey === log!.id && m.accepted),
        ).toHaveLength(1);
      }
      expect(await h.db.workerHeartbeat.findUnique({ where: { id: 'killed-host:2' } })).toBeNull();
    } finally {
      await worker.stop();
      await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
    }
  });

  it('leaves the jobs of a worker with a fresh heartbeat alone, and frees jobs of a pool no heartbeat claims', async () => {
    await h.db
      .$executeRaw`SELECT graphile_worker.add_job('sessions.purge-expired', '{}'::json, job_key => 'recovery-live')`;
    await h.db
      .$executeRaw`SELECT graphile_worker.add_job('sessions.purge-expired', '{}'::json, job_key => 'recovery-orphan', run_at => now() + interval '1 hour')`;
    await h.db
      .$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = 'pool-live', locked_at = now() - interval '10 minutes' WHERE key = 'recovery-live'`;
    await h.db
      .$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = 'pool-never-beat', locked_at = now() - interval '10 minutes' WHERE key = 'recovery-orphan'`;
    await deadHeartbeat('busy-host:2', ['pool-live'], 0);

    expect(await recoverSilentWorkers(h.db, 60_000)).toEqual({ silentWorkers: 0, unlockedJobs: 1 });
    expect(await lockedBy('pool-live')).toBe(1);
    expect(await lockedBy('pool-never-beat')).toBe(0);
    await h.db
      .$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key IN ('recovery-live', 'recovery-orphan')`;
    await h.db.workerHeartbeat.delete({ where: { id: 'busy-host:2' } });
  });

  it('back from an outage, a process hands back at once the jobs it held whose completion was lost, not the ones it runs', async () => {
    const key = (name: string) => `orphan-${name}`;
    const jobAs = async (name: string, pool: string, agoSeconds: number) => {
      const [job] = await h.db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM graphile_worker.add_job('sessions.purge-expired', '{}'::json, job_key => ${key(name)}, run_at => now() + interval '1 hour')`;
      await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = ${pool}, locked_at = now() - make_interval(secs => ${agoSeconds}) WHERE id = ${job!.id}::bigint`;
      return job!.id;
    };
    const lost = await jobAs('lost', 'pool-back', 5); // its completion failed in the outage
    const running = await jobAs('running', 'pool-back', 5); // still running here
    const fresh = await jobAs('fresh', 'pool-back', 0); // locked after the database came back
    const ended = await jobAs('ended', 'pool-ended', 0); // a pool of ours that stopped
    const others = await jobAs('others', 'pool-elsewhere', 600); // another process's
    const [row] = await h.db.$queryRaw<{ back: Date }[]>`SELECT now() - interval '1 second' AS back`;
    const back = row!.back; // the database's clock when it came back
    const locked = async () =>
      (await h.db.$queryRaw<{ id: string }[]>`SELECT id::text FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL AND key LIKE 'orphan-%'`).map((j) => j.id).sort();

    // In steady state (no outage) only jobs past the threshold go back: none here.
    const steady = { pools: ['pool-back'], former: [], active: [running], afterMs: 60_000, lockedBefore: null };
    expect(await releaseOrphans(h.db, steady)).toBe(0);
    expect(await releaseOrphans(h.db, { ...steady, former: ['pool-ended'], lockedBefore: back })).toBe(2);
    expect(await locked()).toEqual([running, fresh, others].sort());
    expect((await locked()).some((id) => id === lost || id === ended)).toBe(false);
    await h.db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'orphan-%'`;
  });

  it('on its own host, a process whose pid is gone is recovered after a few quiet beats, not the whole threshold', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid; // exited: its pid names no process now
    const host = os.hostname();
    const sameHost = { hostname: host, quietMs: 15_000 };
    const heartbeat = async (id: string, pool: string, pid: number, agoSeconds: number, hostname = host) => {
      await h.db.$executeRaw`INSERT INTO "WorkerHeartbeat" (id, "poolIds", hostname, pid, "lastSeenAt")
        VALUES (${id}, ${[pool]}::text[], ${hostname}, ${pid}, now() - make_interval(secs => ${agoSeconds}))`;
      await h.db.$executeRaw`SELECT graphile_worker.add_job('sessions.purge-expired', '{}'::json, job_key => ${id}, run_at => now() + interval '1 hour')`;
      await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = ${pool}, locked_at = now() - interval '30 seconds' WHERE key = ${id}`;
    };
    await heartbeat('pid-gone', 'pool-pid-gone', gone, 20);
    await heartbeat('pid-gone-just-now', 'pool-pid-just-now', gone, 5); // maybe only between two beats
    await heartbeat('pid-alive', 'pool-pid-alive', process.ppid, 20); // the test runner's parent: alive, only quiet
    await heartbeat('pid-elsewhere', 'pool-pid-elsewhere', gone, 20, 'another-host'); // its pids are not ours to judge
    try {
      expect(await recoverSilentWorkers(h.db, 60_000, sameHost)).toEqual({ silentWorkers: 1, unlockedJobs: 1 });
      expect(await lockedBy('pool-pid-gone')).toBe(0);
      for (const pool of ['pool-pid-just-now', 'pool-pid-alive', 'pool-pid-elsewhere']) expect(await lockedBy(pool)).toBe(1);
    } finally {
      await h.db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'pid-%'`;
      await h.db.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE id LIKE 'pid-%'`;
    }
  });

  it('two sweeps at once recover each silent worker once', async () => {
    for (let i = 0; i < 5; i++) await deadHeartbeat(`gone-${i}`, [`pool-gone-${i}`], 120);
    const [a, b] = await Promise.all([
      recoverSilentWorkers(h.db, 60_000),
      recoverSilentWorkers(h.db, 60_000),
    ]);
    expect(a.silentWorkers + b.silentWorkers).toBe(5);
    expect(await h.db.workerHeartbeat.count({ where: { id: { startsWith: 'gone-' } } })).toBe(0);
  });

  it('the sweep waits until its own process has been connected long enough for live workers to beat again (after an outage)', async () => {
    await deadHeartbeat('maybe-alive', ['pool-maybe'], 120);
    let connectedFor = 10_000;
    const task = recoveryTask({
      db: h.db,
      logger: h.deps.logger,
      silentAfterMs: 60_000,
      connectedForMs: () => connectedFor,
      minConnectedMs: 15_000,
    });
    await task({}, {} as never);
    expect(await h.db.workerHeartbeat.count({ where: { id: 'maybe-alive' } })).toBe(1);
    connectedFor = 15_000;
    await task({}, {} as never);
    expect(await h.db.workerHeartbeat.count({ where: { id: 'maybe-alive' } })).toBe(0);
  });

  it('a running worker keeps its heartbeat fresh with its pool id, and a clean stop removes its row', async () => {
    const worker = await workerProcess(1_200);
    const row = await eventually(
      () =>
        h.db.workerHeartbeat.findFirst({
          where: { id: worker.heartbeatId, NOT: { poolIds: { isEmpty: true } } },
        }),
      5_000,
      'heartbeat row',
    );
    expect(row.poolIds[0]).toMatch(/^pool-/);
    await new Promise((r) => setTimeout(r, 800));
    const later = await h.db.workerHeartbeat.findUniqueOrThrow({ where: { id: worker.heartbeatId } });
    expect(later.lastSeenAt.getTime()).toBeGreaterThan(row.lastSeenAt.getTime());
    expect(worker.state()).toBe('running');
    // Its own sweep (run as the cron would) never takes its jobs.
    expect((await recoverSilentWorkers(h.db, 1_200)).silentWorkers).toBe(0);
    await worker.stop();
    expect(await h.db.workerHeartbeat.findUnique({ where: { id: worker.heartbeatId } })).toBeNull();
  });

  it('registers the recovery sweep as a cron entry with a fixed id next to the others', async () => {
    const worker = await startWorkerProcess({
      connectionString: h.database.url,
      db: h.db,
      logger: h.deps.logger,
      workerLogger: silentLogger,
      concurrency: 1,
      taskList: createTaskList(h.deps),
      cronItems,
      silentAfterMs: 60_000,
    });
    try {
      const rows = await eventually(
        async () => {
          const r = await h.db.$queryRaw<
            { identifier: string }[]
          >`SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY 1`;
          return r.length === cronItems.length + 1 ? r : null;
        },
        5_000,
        'known crontabs',
      );
      expect(rows.map((r) => r.identifier)).toContain('worker.recover-silent');
    } finally {
      await worker.stop();
    }
  });
});

describe('tasks a recovered job may run again', () => {
  it('evaluate run twice at once (the dead worker had started it) sends once', async () => {
    const link = await createLink(h, org, { name: 'replayed evaluate' });
    const record = await h.db.record.create({
      data: {
        orgId: org.orgId,
        partitionId: org.partitionId,
        data: { 이름: '재실행', 전화번호: nextPhone(), 상태: '신규' },
      },
    });
    const payload = createEventFor(record, `recovered-${record.id}`);
    await Promise.all([evaluateRecordEvent(h.deps, payload), evaluateRecordEvent(h.deps, payload)]);
    await evaluateRecordEvent(h.deps, payload);
    expect(await logsFor(record.id)).toHaveLength(1);
    expect(await h.db.automationEvent.count({ where: { recordId: record.id, linkId: link.id } })).toBe(1);
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });

  it('the repeat sweep run twice for the same due tick (also at once) advances each entry once', async () => {
    const link = await createLink(h, org, {
      name: 'replayed sweep',
      templateCode: 'SF_REMIND',
      cooldownHours: 0,
      triggerType: 'manual',
      repeatConfig: {
        intervalHours: 24,
        maxRepeat: 3,
        stopCondition: { field: '상태', operator: 'eq', value: '응답완료' },
      },
    });
    const entries = [];
    for (let i = 0; i < 4; i++) {
      const record = await h.db.record.create({
        data: {
          orgId: org.orgId,
          partitionId: org.partitionId,
          data: { 이름: `반복${i}`, 전화번호: nextPhone(), 상태: '신규' },
        },
      });
      entries.push(
        await h.db.alimtalkAutomationQueue.create({
          data: {
            orgId: org.orgId,
            linkId: link.id,
            recordId: record.id,
            nextRunAt: new Date(Date.now() + HOUR),
          },
        }),
      );
    }
    offset = 2 * HOUR;
    try {
      const [a, b] = await Promise.all([processDueRepeats(h.deps), processDueRepeats(h.deps)]);
      expect(a.processed + b.processed).toBe(4);
      expect((await processDueRepeats(h.deps)).processed).toBe(0);
    } finally {
      offset = 0;
    }
    for (const entry of entries) {
      expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject(
        { repeatCount: 1, status: 'pending' },
      );
      expect(
        await h.db.alimtalkSendLog.count({ where: { recordId: entry.recordId, triggerType: 'repeat' } }),
      ).toBe(1);
    }
  });

  it('a send batch cut by a database error gives its claim back, and the next run sends each row once', async () => {
    const link = await createLink(h, org, { name: 'cut send' });
    const record = await h.db.record.create({
      data: {
        orgId: org.orgId,
        partitionId: org.partitionId,
        data: { 이름: '끊김', 전화번호: nextPhone(), 상태: '신규' },
      },
    });
    await evaluateRecordEvent(h.deps, {
      eventId: `cut-${record.id}`,
      orgId: org.orgId,
      recordId: record.id,
      partitionId: org.partitionId,
      event: 'create',
      before: null,
      after: record.data as Record<string, unknown>,
      at: new Date().toISOString(),
    });
    const [log] = await logsFor(record.id);
    const outage = new Prisma.PrismaClientKnownRequestError("Can't reach database server at 127.0.0.1:5432", {
      code: 'P1001',
      clientVersion: 'test',
    });
    const cut = { ...h.deps, providerForOrg: () => Promise.reject(outage) };
    await expect(processSendJob(cut, { sendLogId: log!.id })).rejects.toBe(outage);
    // Not failed as a settings problem, not left claimed: pending, free, with its send job queued again.
    expect(await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: log!.id } })).toMatchObject({
      status: 'pending',
      claimedUntil: null,
      attempts: 1,
    });
    const jobs = await h.db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`send:${log!.id}`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    expect(await processSendJob(h.deps, { sendLogId: log!.id })).toMatchObject({ claimed: 1, accepted: 1 });
    expect(h.fakeNhn.received().filter((m) => m.recipientGroupingKey === log!.id && m.accepted)).toHaveLength(
      1,
    );
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });

  it("a dead worker's claimed send batch is released with its jobs and sent once, without waiting for the claim", async () => {
    const link = await createLink(h, org, { name: 'dead batch' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const record = await h.db.record.create({
        data: {
          orgId: org.orgId,
          partitionId: org.partitionId,
          data: { 이름: `배치${i}`, 전화번호: nextPhone(), 상태: '신규' },
        },
      });
      await evaluateRecordEvent(h.deps, {
        eventId: `batch-${record.id}`,
        orgId: org.orgId,
        recordId: record.id,
        partitionId: org.partitionId,
        event: 'create',
        before: null,
        after: record.data as Record<string, unknown>,
        at: new Date().toISOString(),
      });
      ids.push((await logsFor(record.id))[0]!.id);
    }
    // What the dead worker left: one batch claimed for 2 minutes, and the group's send job locked by its pool,
    // naming the batch's first row (as a group job does once it has claimed a batch).
    const claimedUntil = new Date(Date.now() + 120_000);
    await h.db.alimtalkSendLog.updateMany({
      where: { id: { in: ids } },
      data: { claimedUntil, attempts: 1 },
    });
    const first = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: ids[0]! } });
    const groupKey = `send-group:${first.orgId}:${first.templateCode}:${first.senderKey ?? ''}`;
    const locked = await h.db.$executeRaw`UPDATE graphile_worker._private_jobs
      SET locked_by = 'pool-dead-batch', locked_at = now() - interval '5 minutes',
          payload = json_build_object('sendLogId', ${ids[0]}::text, 'group', payload->'group')
      WHERE key = ${groupKey}`;
    expect(locked).toBe(1);
    await deadHeartbeat('dead-batch', ['pool-dead-batch'], 300);

    expect(await recoverSilentWorkers(h.db, 60_000)).toMatchObject({ silentWorkers: 1, unlockedJobs: 1 });
    const worker = await workerProcess(60_000);
    try {
      const logs = await eventually(
        async () => {
          const rows = await h.db.alimtalkSendLog.findMany({ where: { id: { in: ids } } });
          return rows.every((l) => l.status === 'accepted') ? rows : null;
        },
        15_000,
        'the released batch accepted',
      );
      expect(logs).toHaveLength(3);
      for (const id of ids)
        expect(h.fakeNhn.received().filter((m) => m.recipientGroupingKey === id && m.accepted)).toHaveLength(
          1,
        );
    } finally {
      await worker.stop();
      await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
    }
  });
});
