// `pnpm --filter @alimflow/server exec node --import tsx bench/probe.ts latency20 statements`: chosen scenarios once
// each, at quick sizes, for profiling one figure without the whole bench (nothing is written to results/).
import fs from 'node:fs/promises';
import os from 'node:os';
import { countStatements, rssMiB, startBenchApp } from './lib/app.ts';
import { addRule, createOverHttp, inParallel, newPartition, postJson } from './lib/fixtures.ts';
import { sleep } from './lib/stats.ts';
import * as s from './scenarios.ts';

const scenarios: Record<string, (app: Awaited<ReturnType<typeof startBenchApp>>) => Promise<Record<string, number>>> = {
  throughput: (app) => s.throughput(app, Number(process.env.PROBE_THROUGHPUT ?? 2_000)),
  overhead: (app) => s.overhead(app, Number(process.env.PROBE_OVERHEAD ?? 40)),
  latency20: (app) => s.latency(app, 20, 5),
  latency100: (app) => s.latency(app, 100, 5),
  // latency20 while a delivery poll walks every result the earlier scenarios left (the full bench's second latency
  // run after the bursts met the minute's poll of 60,000 results).
  latency20DuringPoll: async (app) => {
    await app.db.$executeRawUnsafe(`SELECT graphile_worker.add_job('alimtalk.poll-delivery', '{}'::json, queue_name => 'alimtalk.poll-delivery', priority => 10)`);
    return s.latency(app, 20, 5);
  },
  httpWrites: async (app) => {
    const requests = Number(process.env.PROBE_HTTP_WRITES ?? 300);
    return { requests, ...(await s.httpWrites(app, requests)) };
  },
  sweep: (app) => s.sweep(app, Number(process.env.PROBE_SWEEP ?? 300)),
  // Statements per due repeat (the sweep and the sends it queues); the log makes it slower, so its rate is not the figure.
  sweepStatements: (app) => s.sweepStatements(app, Number(process.env.PROBE_SWEEP ?? 300)),
  // records.create over HTTP alone (no rule, so the worker stays out of the figure): the API's CPU per request.
  httpCpu: async (app) => {
    const partitionId = await newPartition(app, 'probe http cpu');
    const requests = Number(process.env.PROBE_HTTP_REQUESTS ?? 1_000);
    const started = performance.now();
    await inParallel(requests, 30, () => createOverHttp(app, partitionId));
    return { requests, perSecond: requests / ((performance.now() - started) / 1000) };
  },
  // The same with a Bearer API token, as an integration calls (the token's lookup instead of the session's).
  httpCpuToken: async (app) => {
    const partitionId = await newPartition(app, 'probe http cpu token');
    const made = await postJson(`${app.base}/trpc/apiTokens.create`, { cookie: app.cookie }, JSON.stringify({ name: 'probe' }));
    const { token } = (JSON.parse(made.text) as { result: { data: { token: string } } }).result.data;
    const requests = Number(process.env.PROBE_HTTP_REQUESTS ?? 1_000);
    const started = performance.now();
    await inParallel(requests, 30, () => createOverHttp(app, partitionId, { authorization: `Bearer ${token}` }));
    return { requests, perSecond: requests / ((performance.now() - started) / 1000) };
  },
  statements: (app) => s.statementsPerRecord(app, 100),
  // CPU milliseconds per record of each process, records written at c=10 to a partition without rules and then to
  // one with 20 rules that never match (the overhead scenario's two sides), each side waited for until evaluated:
  // what the 20 rules cost, and where.
  evaluationCpu: async (app) => {
    const pids = await app.pids();
    const cpuMs = () => Promise.all(pids.map(async (pid) => {
      const f = (await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    }));
    const requests = Number(process.env.PROBE_EVALUATION_CPU ?? 3_000);
    const bare = await newPartition(app, 'probe cpu 0 rules');
    const ruled = await newPartition(app, 'probe cpu 20 rules');
    for (let i = 0; i < 20; i++) await addRule(app, ruled, { matching: false, name: `probe cpu rule ${i}` });
    const out: Record<string, number> = { requests };
    for (const [side, partitionId] of [['bare', bare], ['ruled', ruled], ['bare2', bare], ['ruled2', ruled]] as const) {
      await s.settle(app);
      const [before, pgBefore] = [await cpuMs(), await app.pgCpuSeconds()];
      await inParallel(requests, 10, () => createOverHttp(app, partitionId));
      await s.settle(app);
      const after = await cpuMs();
      out[`${side}_postgresMs`] = ((await app.pgCpuSeconds()) - pgBefore) * 1000 / requests;
      after.forEach((v, i) => (out[`${side}_${i === 0 ? 'apiMs' : `worker${i}Ms`}`] = (v - before[i]!) / requests));
    }
    return out;
  },
  // The bench's throughput burst (20,000 records by default, PROBE_BURST), with each process's own RSS peak: which
  // process the summed peak comes from.
  burst: async (app) => {
    const pids = await app.pids();
    const peaks = pids.map(() => 0);
    const sample = () => pids.forEach((pid, i) => void rssMiB([pid]).then((v) => (peaks[i] = Math.max(peaks[i]!, v))));
    const sampler = setInterval(sample, 250);
    const r = await s.throughput(app, Number(process.env.PROBE_BURST ?? 20_000)).finally(() => clearInterval(sampler));
    return { ...r, ...Object.fromEntries(peaks.map((v, i) => [`peakRssMiB_${i === 0 ? 'api' : `worker${i}`}`, v])) };
  },
  idle: async () => {
    await sleep(5_000);
    return {};
  },
  // Every statement of every client, with its time and backend pid, while a few records are written one by one.
  trace: async (app) => {
    const lines: string[] = [];
    app.statements.trace = (m) => lines.push(m);
    await app.db.$executeRawUnsafe(`ALTER SYSTEM SET log_line_prefix = '%m [%p] '`);
    await countStatements(app, async () => {
      const partitionId = await newPartition(app, 'probe trace');
      await addRule(app, partitionId);
      for (let i = 0; i < 5; i++) {
        await createOverHttp(app, partitionId);
        await sleep(400);
      }
      await sleep(1000);
    });
    app.statements.trace = undefined;
    await fs.writeFile(process.env.PROBE_TRACE ?? '/tmp/h10-trace.log', lines.join('\n'));
    return { lines: lines.length };
  },
};
/** Where Postgres spent its execution time in the scenario, per request (or in all): the 15 costliest statements. */
async function printTopStatements(app: Awaited<ReturnType<typeof startBenchApp>>, per: number) {
  // Execution includes lock waits; planning (track_planning) is what a prepared statement would save.
  const rows = await app.db.$queryRawUnsafe<{ ms: number; planMs: number; calls: bigint; query: string }[]>(`
    SELECT total_exec_time AS ms, total_plan_time AS "planMs", calls, regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements
     WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 20`);
  const [all] = await app.db.$queryRawUnsafe<{ ms: number; planMs: number; calls: bigint }[]>(`
    SELECT sum(total_exec_time) AS ms, sum(total_plan_time) AS "planMs", sum(calls) AS calls FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'`);
  console.log(`  postgres per request: execution ${(all!.ms / per).toFixed(3)} ms, planning ${(all!.planMs / per).toFixed(3)} ms, ${(Number(all!.calls) / per).toFixed(2)} statements`);
  for (const r of rows) console.log(`  ${(r.ms / per).toFixed(3)} ms + plan ${(r.planMs / per).toFixed(3)}  ${(Number(r.calls) / per).toFixed(2)} calls  ${r.query.slice(0, 140)}`);
}

const chosen = process.argv.slice(2).filter((a) => a in scenarios);
if (!chosen.length) throw new Error(`name one or more of: ${Object.keys(scenarios).join(', ')}`);
console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const app = await startBenchApp({ workerProcesses: Number(process.env.PROBE_WORKER_PROCESSES ?? 1) });
try {
  const pids = await app.pids();
  // CPU seconds of each app process (API first, then the workers) over the scenario: where the time goes.
  const cpu = () => Promise.all(pids.map(async (pid) => {
    const f = (await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return { all: (Number(f[11]) + Number(f[12])) / 100, sys: Number(f[12]) / 100 };
  }));
  const pgStatements = process.env.BENCH_PG_STATEMENTS === '1';
  if (pgStatements) await app.db.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  for (const name of process.argv.slice(2).filter((a) => a in scenarios)) {
    if (pgStatements) await app.db.$queryRawUnsafe('SELECT pg_stat_statements_reset()');
    const before = await cpu();
    const [pgBefore, benchBefore] = [await app.pgCpuSeconds(), process.cpuUsage()];
    // Resident memory of the app's processes: at the start, the highest seen (sampled every 250 ms) and at the end.
    const rssStart = await rssMiB(pids);
    let rssPeak = rssStart;
    const sampler = setInterval(() => void rssMiB(pids).then((v) => (rssPeak = Math.max(rssPeak, v))), 250);
    const r = await scenarios[name]!(app).finally(() => clearInterval(sampler));
    const after = await cpu();
    // The database and this process (the HTTP client) share the cores with the app: their CPU too.
    r.cpuS_postgres = (await app.pgCpuSeconds()) - pgBefore;
    const bench = process.cpuUsage(benchBefore);
    r.cpuS_bench = (bench.user + bench.system) / 1e6;
    Object.assign(r, { rssStartMiB: rssStart, rssPeakMiB: rssPeak, rssEndMiB: await rssMiB(pids) });
    Object.assign(r, Object.fromEntries(after.map((v, i) => [`cpuS_${i === 0 ? 'api' : `worker${i}`}`, v.all - before[i]!.all])));
    // Per request, and the kernel's share of it (socket writes to Postgres and to the client).
    if (r.requests) {
      r.cpuMsPerRequest_api = (1000 * (after[0]!.all - before[0]!.all)) / r.requests;
      r.sysMsPerRequest_api = (1000 * (after[0]!.sys - before[0]!.sys)) / r.requests;
    }
    if (pgStatements) await printTopStatements(app, r.requests ?? 1);
    console.log(`${name}: ${Object.entries(r).map(([k, v]) => `${k} ${Math.abs(v) < 10 ? v.toPrecision(3) : v.toFixed(1)}`).join(', ')} (load ${os.loadavg()[0]!.toFixed(2)})`);
  }
} finally {
  await app.stop();
}
process.exit(0);
