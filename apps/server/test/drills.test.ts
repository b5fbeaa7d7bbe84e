// Small versions of failure drills a, d and e (tens of records) on one cluster of real processes, so a regression
// in worker recovery, database-outage handling or concurrent repeat sweeps fails CI. `pnpm drill` runs them full size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../drills/lib/cluster.ts';
import type { Drill } from '../drills/lib/drill.ts';
import { concurrentRepeats } from '../drills/scenarios/concurrent-repeats.ts';
import { killWorker } from '../drills/scenarios/kill-worker.ts';
import { postgresRestart } from '../drills/scenarios/postgres-restart.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ silentAfterS: 3 });
}, 120_000);
afterAll(() => cluster?.close());

async function passes(drill: Drill) {
  const outcome = await drill.run('small', cluster);
  // Every failed check by name, with all the figures (a vitest object diff would leave out the ones that did not
  // differ — among them `unexpectedAnswers`, the bodies of the answers that broke "no HTTP 500").
  const failed = outcome.checks.filter((c) => !c.ok).map((c) => c.name);
  expect(failed, `figures: ${JSON.stringify(outcome.figures)}`).toEqual([]);
  return outcome;
}

describe('failure drills (small)', () => {
  it('a. a worker killed with -9 mid-burst: its jobs come back, nothing lost or doubled', async () => {
    const { figures } = await passes(killWorker);
    expect(figures).toMatchObject({ lost: 0, doubled: 0 });
  }, 240_000);

  it('e. two workers and two schedulers sweeping the same due repeats advance each once', async () => {
    const { figures } = await passes(concurrentRepeats);
    expect(figures).toMatchObject({ overAdvanced: 0, doubled: 0, lost: 0 });
  }, 240_000);

  it('d. Postgres restarted mid-burst: 503s but no 500, processes survive, nothing lost or doubled', async () => {
    const { figures } = await passes(postgresRestart);
    expect(figures).toMatchObject({ lost: 0, doubled: 0, http500: 0 });
  }, 240_000);
});
