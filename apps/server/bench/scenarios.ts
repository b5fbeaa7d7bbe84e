// One function per figure of issue 10's table; each returns plain numbers for one run. run.ts repeats them and
// takes medians. Nothing here asserts: the goals are compared in the printed table and in the README.
import { Logger, run as runWorker } from 'graphile-worker';
import { CRON_SECRET, countStatements, rssMiB, type BenchApp } from './lib/app.ts';
import { addRule, createOverHttp, inParallel, insertRecordEvents, newPartition } from './lib/fixtures.ts';
import { percentile, sleep, waitFor } from './lib/stats.ts';

// Accepted, or delivered since (the delivery poll moves rows on): sentAt is set once NHN took the line.
async function acceptedIn(app: BenchApp, partitionId: string): Promise<number> {
  return app.db.alimtalkSendLog.count({ where: { sentAt: { not: null }, link: { partitionId } } });
}

/** Waits for `total` accepted sends of the partition; on a timeout says where the rest are. */
async function allAccepted(app: BenchApp, partitionId: string, total: number, limitMs: number) {
  await waitFor(`${total} sends accepted`, async () => (await acceptedIn(app, partitionId)) >= total, limitMs, 100).catch(async (error: unknown) => {
    const logs = await app.db.alimtalkSendLog.groupBy({ by: ['status', 'reason'], where: { link: { partitionId } }, _count: true });
    const jobs = await app.db.$queryRaw`SELECT t.identifier, count(*)::int AS n, max(j.attempts) AS attempts FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id GROUP BY 1`;
    throw new Error(`${(error as Error).message}; logs ${JSON.stringify(logs)}; jobs ${JSON.stringify(jobs)}`);
  });
}

/**
 * Waits until the previous scenario's aftermath is over: every accepted send has its delivery result (the minute's
 * poll has walked them), no record event or send is queued, and no autovacuum runs. Each figure then measures its
 * own load; after three 20,000-record bursts the poll of 60,000 results and the vacuums of the tables they grew took
 * the cores for tens of seconds and turned a 20/s latency run into a measurement of them. Returns the seconds waited.
 */
export async function settle(app: BenchApp, limitMs = 180_000): Promise<{ seconds: number; settled: boolean }> {
  const started = performance.now();
  const quiet = async () => {
    const [busy] = await app.db.$queryRaw<{ open: number; jobs: number; vacuums: number }[]>`
      SELECT (SELECT count(*)::int FROM "AlimtalkSendLog" WHERE status::text IN ('accepted', 'pending')) AS open,
             (SELECT count(*)::int FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
               WHERE t.identifier IN ('automation.evaluate', 'alimtalk.send') OR j.locked_at IS NOT NULL) AS jobs,
             (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'autovacuum worker') AS vacuums`;
    return busy!.open === 0 && busy!.jobs === 0 && busy!.vacuums === 0;
  };
  // A figure taken on a machine that did not settle is still a figure: the run goes on and the log says so.
  const settled = await waitFor('the previous scenario to settle', quiet, limitMs, 500).then(() => true, () => false);
  return { seconds: (performance.now() - started) / 1000, settled };
}

/**
 * records.create p50 with 20 active rules ÷ with none, at concurrency 1 and 10. The two partitions take turns in
 * rounds (ABBA order), so a drift of the machine or one side's evaluations still running land on both; at c=10 each
 * side gets ten times the requests (150 took ≈ 0.1 s there, too short for a median to mean anything).
 */
export async function overhead(app: BenchApp, requests: number) {
  const bare = await newPartition(app, 'bench 0 rules');
  const ruled = await newPartition(app, 'bench 20 rules');
  for (let i = 0; i < 20; i++) await addRule(app, ruled, { matching: false, name: `bench rule ${i}` });
  const rounds = 4;
  const samples = { c1: { bare: [] as number[], ruled: [] as number[] }, c10: { bare: [] as number[], ruled: [] as number[] } };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['bare', 'ruled'] as const) : (['ruled', 'bare'] as const);
    for (const [key, concurrency, n] of [['c1', 1, Math.ceil(requests / rounds)], ['c10', 10, Math.ceil((requests * 10) / rounds)]] as const) {
      for (const side of order) {
        const partitionId = side === 'bare' ? bare : ruled;
        samples[key][side].push(...(await inParallel(n, concurrency, () => createOverHttp(app, partitionId))));
      }
    }
  }
  const c1 = { bare: percentile(samples.c1.bare, 50), ruled: percentile(samples.c1.ruled, 50) };
  const c10 = { bare: percentile(samples.c10.bare, 50), ruled: percentile(samples.c10.ruled, 50) };
  return { ratioC1: c1.ruled / c1.bare, ratioC10: c10.ruled / c10.bare, p50RuledMs: c1.ruled, p50BareMs: c1.bare, p50RuledC10Ms: c10.ruled, p50BareC10Ms: c10.bare };
}

/** Commit → NHN receives, at a steady `rate` of records/s over HTTP for `seconds`. */
export async function latency(app: BenchApp, rate: number, seconds: number) {
  const partitionId = await newPartition(app, `bench latency ${rate}/s`);
  await addRule(app, partitionId);
  const total = rate * seconds;
  const started = performance.now();
  const calls: Promise<number>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    calls.push(createOverHttp(app, partitionId));
  }
  await Promise.all(calls);
  await allAccepted(app, partitionId, total, 180_000);
  const logs = await app.db.alimtalkSendLog.findMany({ where: { link: { partitionId } }, select: { id: true, recordId: true, createdAt: true, sentAt: true } });
  const records = await app.db.record.findMany({ where: { partitionId }, select: { id: true, createdAt: true } });
  const committed = new Map(records.map((r) => [r.id, r.createdAt.getTime()]));
  const byId = new Map(logs.map((l) => [l.id, l]));
  const stages = { evaluate: [] as number[], sendJob: [] as number[], nhn: [] as number[] };
  let worst = { ms: -1, at: 0, evaluate: 0, sendJob: 0 };
  const delays = app.nhn
    .received()
    .filter((m) => m.accepted && m.recipientGroupingKey && byId.has(m.recipientGroupingKey))
    .map((m) => {
      const log = byId.get(m.recipientGroupingKey!)!;
      const at = committed.get(log.recordId!)!;
      // Where the time goes: the record's write → its evaluation starts (SendLog.createdAt is the evaluation's
      // clock) → the send job starts (sentAt is the send job's clock) → NHN has it.
      stages.evaluate.push(log.createdAt.getTime() - at);
      stages.sendJob.push(log.sentAt!.getTime() - log.createdAt.getTime());
      stages.nhn.push(Date.parse(m.receivedAt) - log.sentAt!.getTime());
      const ms = Date.parse(m.receivedAt) - at;
      if (ms > worst.ms) worst = { ms, at, evaluate: log.createdAt.getTime() - at, sendJob: log.sentAt!.getTime() - log.createdAt.getTime() };
      return ms;
    });
  return {
    p50Ms: percentile(delays, 50),
    p99Ms: percentile(delays, 99),
    samples: delays.length,
    toEvaluationP50Ms: percentile(stages.evaluate, 50),
    toSendJobP50Ms: percentile(stages.sendJob, 50),
    toNhnP50Ms: percentile(stages.nhn, 50),
    toEvaluationP99Ms: percentile(stages.evaluate, 99),
    toSendJobP99Ms: percentile(stages.sendJob, 99),
    // The slowest event, its stages, and the second of the minute it was committed in (the minute's cron jobs
    // start at :00): what sets a p99 that one or two events of a run decide.
    worstMs: worst.ms,
    worstToEvaluationMs: worst.evaluate,
    worstToSendJobMs: worst.sendJob,
    worstAtSecond: new Date(worst.at).getUTCSeconds(),
  };
}

/**
 * Committed record events → every send accepted (the pipeline, not HTTP), beside raw graphile-worker no-op jobs/s on
 * the same Postgres in the same run; peak RSS of the app's processes while it runs.
 */
export async function throughput(app: BenchApp, total: number) {
  const raw = await rawJobsPerSecond(app, total);
  const partitionId = await newPartition(app, `bench throughput ${total}`);
  await addRule(app, partitionId);
  const pids = await app.pids();
  const idleRss = await rssMiB(pids);
  let peakRss = idleRss;
  const sampler = setInterval(() => void rssMiB(pids).then((v) => (peakRss = Math.max(peakRss, v))), 250);
  const started = performance.now();
  try {
    await insertRecordEvents(app, partitionId, total);
    await allAccepted(app, partitionId, total, 600_000);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const calls = await app.db.alimtalkSendLog.groupBy({ by: ['requestId'], where: { link: { partitionId } } });
  const sendsPerSecond = total / seconds;
  return { sendsPerSecond, seconds, rawJobsPerSecond: raw, ratio: sendsPerSecond / raw, nhnCalls: calls.length, idleRssMiB: idleRss, peakRssMiB: peakRss };
}

async function rawJobsPerSecond(app: BenchApp, total: number): Promise<number> {
  let done = 0;
  const runner = await runWorker({ connectionString: app.databaseUrl, concurrency: 5, noHandleSignals: true, taskList: { 'bench.noop': () => void done++ }, logger: silent });
  try {
    const started = performance.now();
    await app.db.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW('bench.noop', '{}'::json, NULL, now(), 1, NULL, 0, NULL)::graphile_worker.job_spec FROM generate_series(1, ${total})))`;
    await waitFor(`${total} no-op jobs`, () => done >= total, 300_000, 10);
    return total / ((performance.now() - started) / 1000);
  } finally {
    await runner.stop();
  }
}

/** records.create over HTTP at concurrency 30, one firing rule: requests/s and p50. */
export async function httpWrites(app: BenchApp, total: number) {
  const partitionId = await newPartition(app, `bench http ${total}`);
  await addRule(app, partitionId);
  const started = performance.now();
  const latencies = await inParallel(total, 30, () => createOverHttp(app, partitionId));
  const perSecond = total / ((performance.now() - started) / 1000);
  await allAccepted(app, partitionId, total, 300_000);
  // How the sends went out while the writes came in: one NHN call per evaluation batch that sent its own, fewer
  // when batches grew or the group jobs gathered them.
  const calls = await app.db.alimtalkSendLog.groupBy({ by: ['requestId'], where: { link: { partitionId } } });
  return { perSecond, p50Ms: percentile(latencies, 50), nhnCalls: calls.length };
}

/** Due repeat entries swept (REST endpoint, as an external scheduler calls it, beside the worker's cron). */
export async function sweep(app: BenchApp, total: number) {
  const partitionId = await newPartition(app, `bench sweep ${total}`);
  const link = await addRule(app, partitionId, { repeat: true, matching: false });
  await app.db.$executeRaw`
    WITH r AS (
      INSERT INTO "Record" (id, "orgId", "partitionId", data, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${app.orgId}::uuid, ${partitionId}::uuid,
             jsonb_build_object('이름', '벤치고객', '전화번호', '010' || lpad((50000000 + i)::text, 8, '0'), '상태', '신규'), now(), now()
        FROM generate_series(1, ${total}) AS i
      RETURNING id)
    INSERT INTO "AlimtalkAutomationQueue" (id, "orgId", "linkId", "recordId", "repeatCount", "nextRunAt", status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${app.orgId}::uuid, ${link.id}::uuid, r.id, 0, now() - interval '1 minute', 'pending', now() - interval '1 hour', now()
      FROM r`;
  const sentBefore = app.nhn.received().length;
  const started = performance.now();
  const left = () => app.db.alimtalkAutomationQueue.count({ where: { linkId: link.id, status: 'pending', repeatCount: 0 } });
  while ((await left()) > 0) {
    const res = await fetch(`${app.base}/api/alimtalk/automation/process-repeats`, { method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}` } });
    if (!res.ok) throw new Error(`process-repeats answered ${res.status}`);
    await res.arrayBuffer();
    if (performance.now() - started > 900_000) throw new Error('bench: the sweep did not finish in 15 minutes');
  }
  const swept = (performance.now() - started) / 1000;
  // The figure is the sweep (every entry advanced, its send queued); the sends reach NHN behind it, on the worker.
  const sentWhenSwept = app.nhn.received().length - sentBefore;
  // Outside the timing: each entry advanced to its first occurrence and that occurrence's send queued, once.
  const [done] = await app.db.$queryRaw<{ advanced: number; queued: number }[]>`
    SELECT (SELECT count(*)::int FROM "AlimtalkAutomationQueue" WHERE "linkId" = ${link.id}::uuid AND "repeatCount" = 1) AS advanced,
           (SELECT count(*)::int FROM "AlimtalkSendLog" WHERE "linkId" = ${link.id}::uuid AND "triggerType" = 'repeat') AS queued`;
  if (done!.advanced !== total || done!.queued !== total) throw new Error(`bench: swept ${total} entries, ${done!.advanced} advanced, ${done!.queued} sends queued`);
  await waitFor('the swept repeats sent', () => app.nhn.received().length - sentBefore >= total, 900_000, 100);
  const untilSent = (performance.now() - started) / 1000;
  // NHN's own list: one line per entry, to distinct numbers (a doubled send would show as more lines than numbers).
  await sleep(500);
  const lines = app.nhn.received().slice(sentBefore);
  const numbers = new Set(lines.map((m) => m.recipientNo)).size;
  if (lines.length !== total || numbers !== total) throw new Error(`bench: ${total} entries swept, NHN received ${lines.length} lines for ${numbers} numbers`);
  const perSecond = total / swept;
  return { entriesPerSecond: perSecond, secondsFor100k: 100_000 / perSecond, sentShareWhenSwept: sentWhenSwept / total, sentPerSecond: total / untilSent };
}

/** SQL statements (every client, from Postgres's log) per due repeat, swept and sent to NHN. */
export async function sweepStatements(app: BenchApp, total: number) {
  let figures: Record<string, number> = {};
  const count = await countStatements(app, async () => {
    figures = await sweep(app, total);
  });
  return { ...figures, statementsPerEntry: count / total };
}

/** SQL statements (every client, top level, from Postgres's log) per record created over HTTP until NHN has it. */
export async function statementsPerRecord(app: BenchApp, total: number) {
  const partitionId = await newPartition(app, 'bench statements');
  await addRule(app, partitionId);
  const before = app.nhn.received().length;
  const count = await countStatements(app, async () => {
    await inParallel(total, 10, () => createOverHttp(app, partitionId));
    // The fake NHN's own list, not the database: polling would add statements of ours.
    await waitFor('the records sent', () => app.nhn.received().length - before >= total, 120_000, 50);
    await sleep(500); // the accepted-marking after the call
  });
  return { perRecord: count / total };
}

const silent = new Logger(() => () => {});
