// Every drill `pnpm drill` runs, in order. A drill that lives in its own script (another package, another
// root script) is one line in `externalDrills`: it runs as `pnpm run <script>` from the repository root, passes
// when that exits 0, and a last stdout line of JSON ({"figures": {…}}) is recorded with it.
import type { Drill } from './lib/drill.ts';
import { concurrentRepeats } from './scenarios/concurrent-repeats.ts';
import { killAllInOne } from './scenarios/kill-all-in-one.ts';
import { killWorker } from './scenarios/kill-worker.ts';
import { nhnOutage, nhnSlow } from './scenarios/nhn-faults.ts';
import { postgresRestart } from './scenarios/postgres-restart.ts';

export const drills: Drill[] = [
  killWorker,
  nhnOutage,
  nhnSlow,
  postgresRestart,
  concurrentRepeats,
  killAllInOne,
];

export interface ExternalDrill {
  id: string;
  title: string;
  /** A script in the root package.json. */
  script: string;
}

export const externalDrills: ExternalDrill[] = [
  { id: 'fuzz', title: '10,000 fuzzed API inputs: no 5xx, no internals, no writes on rejection', script: 'drill:fuzz' },
];
