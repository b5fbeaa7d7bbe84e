// `pnpm drill fuzz` (or `pnpm drill:fuzz`): 10,000 fuzzed inputs across every tRPC procedure (fuzz/), the table
// of answers per procedure, and the failures. Exits 1 on any 5xx, leaked internals or row change on a rejected
// input. The last line is the JSON the drill runner records.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, startEmbeddedPostgres } from '@alimflow/db';
import { startFuzzApp } from '../fuzz/fuzz-app.ts';
import { formatReport, runFuzz } from '../fuzz/fuzz-run.ts';

const count = Number(process.env.FUZZ_COUNT ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-fuzz-'));
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), database: 'alimflow' });
const fuzz = await startFuzzApp({
  url: pg.url,
  drop: async () => {
    await pg.stop();
    await fs.rm(dir, { recursive: true, force: true });
  },
});
let failed: boolean;
try {
  const report = await runFuzz({ ...fuzz, count, seed });
  console.log(formatReport(report));
  for (const e of report.serverErrors.slice(0, 10)) console.log(`5xx ${e.procedure} ${e.status}: ${e.body}\n  input ${e.input}`);
  for (const l of report.leaks.slice(0, 10)) console.log(`leak ${l.procedure} ${l.status}: ${l.body}`);
  for (const r of report.rowChanges.slice(0, 10)) console.log(`rows changed on rejected ${r.procedure} ${r.status}: ${r.tables.join(', ')}\n  input ${r.input}`);
  const total = (k: '2xx' | '4xx' | '5xx') => Object.values(report.byProcedure).reduce((n, c) => n + c[k], 0);
  failed = report.serverErrors.length + report.leaks.length + report.rowChanges.length > 0;
  const machine = `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}`;
  console.log(`seed ${seed}, ${report.requests} requests in ${report.seconds} s on ${machine}`);
  console.log(
    JSON.stringify({
      figures: {
        requests: report.requests,
        procedures: Object.keys(report.byProcedure).length,
        '2xx': total('2xx'),
        '4xx': total('4xx'),
        '5xx': total('5xx'),
        leaks: report.leaks.length,
        rowChanges: report.rowChanges.length,
        seconds: report.seconds,
        seed,
      },
    }),
  );
} finally {
  await fuzz.stop();
}
process.exit(failed ? 1 : 0);
