// 500 inputs generated from the routers' own zod schemas (valid-ish and hostile: NUL, lone surrogates, 1 MB
// strings, 20,000-deep JSON, `__proto__` keys, wrong types, huge numbers) over real HTTP, with the session cookie
// and an API token. `pnpm drill fuzz` sends 10,000.
import { createTestDatabase } from '@alimflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFuzzApp } from '../fuzz/fuzz-app.ts';
import { procedures, runFuzz, type FuzzReport } from '../fuzz/fuzz-run.ts';

let fuzz: Awaited<ReturnType<typeof startFuzzApp>>;
let report: FuzzReport;
beforeAll(async () => {
  fuzz = await startFuzzApp(await createTestDatabase());
  // A new seed per run widens coverage over time; a failure prints it so the run can be repeated.
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
  report = await runFuzz({ ...fuzz, count: 500, seed });
  console.log(`fuzz seed ${seed}: ${report.requests} requests in ${report.seconds} s`);
}, 120_000);
afterAll(() => fuzz?.stop());

describe('fuzzed tRPC inputs', () => {
  it('reach every procedure', () => {
    expect(Object.keys(report.byProcedure).sort()).toEqual(procedures().map((p) => p.path).sort());
    expect(report.requests).toBe(500);
  });

  it('never answer 5xx', () => {
    expect(report.serverErrors).toEqual([]);
  });

  it('never show a stack, SQL or a source path', () => {
    expect(report.leaks).toEqual([]);
  });

  it('change no row count when rejected', () => {
    expect(report.rowChanges).toEqual([]);
  });

  it('are mostly rejected, and some accepted (the generator reaches the handlers)', () => {
    const totals = Object.values(report.byProcedure).reduce((t, c) => ({ ok: t.ok + c['2xx'], rejected: t.rejected + c['4xx'] }), { ok: 0, rejected: 0 });
    expect(totals.rejected).toBeGreaterThan(100);
    expect(totals.ok).toBeGreaterThan(20);
  });
});
