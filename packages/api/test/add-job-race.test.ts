// The race services/jobs.ts addJob answers: graphile-worker's add_job unkeys a *locked* job, then upserts
// `WHERE locked_at IS NULL` in a second statement. Forced here with two connections: one holds the keyed job's row
// lock while add_job runs, and locks the job as a worker would (get_job) before letting go — so add_job's upsert
// finds a job that was free at its first statement and locked at its second, and inserts nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addJob, TASKS } from '../src/services/jobs.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const KEY = 'race:one-group';
const jobsWithKey = () =>
  h.db.$queryRaw<{ id: string; locked_by: string | null; payload: { n: number } }[]>`
    SELECT id::text AS id, locked_by, payload FROM graphile_worker._private_jobs WHERE key = ${KEY}`;

describe('a keyed add_job racing a worker that locks the job', () => {
  it('still leaves a waiting job with the new payload (a fresh one beside the locked job)', async () => {
    await h.db.$transaction((tx) => addJob(tx, TASKS.send, { n: 1 }, { jobKey: KEY }));
    const [first] = await jobsWithKey();

    let releaseWorker!: () => void;
    const workerMayLock = new Promise<void>((r) => (releaseWorker = r));
    let rowLocked!: () => void;
    const holdingRow = new Promise<void>((r) => (rowLocked = r));
    // The "worker": takes the job row's lock, waits until add_job is blocked on it, then locks the job and commits.
    const worker = h.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM graphile_worker._private_jobs WHERE id = ${first!.id}::bigint FOR UPDATE`;
        rowLocked();
        await workerMayLock;
        await tx.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'pool-race', attempts = attempts + 1
          WHERE id = ${first!.id}::bigint`;
      },
      { timeout: 60_000 },
    );
    await holdingRow;
    const adding = h.db.$transaction((tx) => addJob(tx, TASKS.send, { n: 2 }, { jobKey: KEY }), { timeout: 60_000 });
    // add_job's first statement passed (the job was free); its upsert waits for the worker's row lock.
    await eventually(
      async () =>
        (
          await h.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%graphile_worker.add_job%'`
        )[0]!.n > 0 || null,
      20_000,
      'add_job waiting on the locked row',
    );
    releaseWorker();
    await worker;
    await adding;

    const jobs = await jobsWithKey();
    expect(jobs).toEqual([{ id: expect.not.stringMatching(`^${first!.id}$`), locked_by: null, payload: { n: 2 } }]);
    const [locked] = await h.db.$queryRaw<{ key: string | null; locked_by: string }[]>`
      SELECT key, locked_by FROM graphile_worker._private_jobs WHERE id = ${first!.id}::bigint`;
    expect(locked).toEqual({ key: null, locked_by: 'pool-race' });
  });
});
