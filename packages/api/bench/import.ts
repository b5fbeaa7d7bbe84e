// `pnpm bench:import [rows]`: imports a generated CP949 CSV of N leads (default 10,000) into a fresh partition on a
// temporary embedded Postgres, through the same service calls as the API and the worker job, and prints how long
// parsing and the import took. Three runs; the median is the figure.
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, migrateDatabase, startEmbeddedPostgres } from '@alimflow/db';
import iconv from 'iconv-lite';
import pino from 'pino';
import { DEMO_PARTITION_FIELDS } from '../src/seed.ts';
import { runImport, startImport, uploadImport } from '../src/services/imports.ts';

const rows = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'alimflow-bench-import-'));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true });
await migrateDatabase(pg.url, { quiet: true });
const db = createPrismaClient(pg.url, { max: 5 });
const deps = { db, now: () => new Date(), logger: pino({ level: 'silent' }) };
const org = await db.org.create({ data: { name: 'bench' } });
const user = await db.user.create({ data: { orgId: org.id, email: `bench-${Date.now()}@bench.local`, name: 'b', passwordHash: 'x', role: 'admin' } });

const lines = ['이름,전화번호,상태'];
for (let i = 0; i < rows; i++) lines.push(`고객 ${i},010${String(10_000_000 + i).slice(-8)},${i % 2 ? '신규' : '상담중'}`);
const file = iconv.encode(lines.join('\r\n'), 'cp949');

const times: number[] = [];
for (let run = 1; run <= 3; run++) {
  const partition = await db.partition.create({ data: { orgId: org.id, name: `리드 ${run}`, fields: DEMO_PARTITION_FIELDS as unknown as object[], phoneField: '전화번호' } });
  const t0 = performance.now();
  const upload = await uploadImport(deps, { orgId: org.id, userId: user.id, partitionId: partition.id, filename: 'bench.csv', content: file });
  const t1 = performance.now();
  await startImport(db, org.id, { id: upload.id, mapping: upload.mapping, duplicatePolicy: 'skip', runOnCreate: false });
  await runImport(deps, upload.id);
  const t2 = performance.now();
  const done = await db.recordImport.findUniqueOrThrow({ where: { id: upload.id } });
  times.push(t2 - t0);
  console.log(`run ${run}: ${rows} rows, upload+parse ${Math.round(t1 - t0)} ms, import ${Math.round(t2 - t1)} ms, total ${Math.round(t2 - t0)} ms (created ${done.created})`);
}
times.sort((a, b) => a - b);
console.log(`median total: ${(times[1]! / 1000).toFixed(1)} s for ${rows} rows on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
await db.$disconnect();
await pg.stop();
rmSync(dir, { recursive: true, force: true });
