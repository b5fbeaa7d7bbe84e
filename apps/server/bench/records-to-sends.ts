// Benchmark: how long a records.create call takes (the plan's "< 3 s, record API never waits for NHN") and how
// fast the worker turns a burst of new leads into accepted AlimTalk sends. Prints its figures; asserts nothing.
//   pnpm --filter @alimflow/server bench [records=1000] [concurrency=20]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const total = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 20);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-bench-'));
process.removeAllListeners('SIGINT');

const app = await startApp(
  loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SEED_ADMIN_EMAIL: 'bench@example.com',
    SEED_ADMIN_PASSWORD: 'bench-password',
    LOG_LEVEL: 'warn',
    SANDBOX_DELIVERY_DELAY_MS: '100',
    WORKER_CONCURRENCY: '10',
  }),
);
const base = app.url!;
const db = app.deps.db;

try {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'bench@example.com' } });
  const partition = await db.partition.findFirstOrThrow({ where: { orgId: admin.orgId } });
  const template = await db.alimtalkTemplate.findFirstOrThrow({ where: { orgId: admin.orgId, templateCode: 'SF_WELCOME' } });
  await db.alimtalkTemplateLink.create({
    data: {
      orgId: admin.orgId,
      partitionId: partition.id,
      templateId: template.id,
      name: 'bench welcome',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
    },
  });

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${base}/trpc/records.create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({
            partitionId: partition.id,
            data: { 이름: `고객${i}`, 전화번호: `010${String(20000000 + i).padStart(8, '0')}`, 상태: '신규' },
          }),
        });
        if (!res.ok) throw new Error(`records.create ${res.status}: ${await res.text()}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const writeSeconds = (performance.now() - started) / 1000;

  let accepted = 0;
  while (accepted < total) {
    accepted = await db.alimtalkSendLog.count({ where: { status: 'accepted' } });
    if (performance.now() - started > 300_000) {
      const byStatus = await db.alimtalkSendLog.groupBy({ by: ['status', 'reason'], _count: true });
      throw new Error(`only ${accepted}/${total} accepted after 5 minutes: ${JSON.stringify(byStatus)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const endToEndSeconds = (performance.now() - started) / 1000;
  const requestIds = await db.alimtalkSendLog.groupBy({ by: ['requestId'], where: { status: 'accepted' } });

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(`records.create over HTTP: ${total} records, concurrency ${concurrency}`);
  console.log(`  latency ms  p50 ${pct(50)}  p95 ${pct(95)}  p99 ${pct(99)}  max ${latencies.at(-1)!.toFixed(1)}`);
  console.log(`  write throughput ${(total / writeSeconds).toFixed(0)} records/s`);
  console.log(`burst → accepted sends: ${total} in ${endToEndSeconds.toFixed(2)} s (${(total / endToEndSeconds).toFixed(0)} sends/s end to end)`);
  console.log(`  NHN send calls: ${requestIds.length} (average ${(total / requestIds.length).toFixed(1)} recipients per call)`);
  console.log(`  rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (server, worker, sandbox NHN and this client in one process)`);
} finally {
  await app.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
