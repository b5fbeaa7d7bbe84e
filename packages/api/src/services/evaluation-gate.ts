// While records arrive at a rate the worker keeps up with, one evaluation transaction at a time per process (per
// database client); other evaluate jobs this process has taken wait here, holding only their graphile-worker lock.
// Why: each evaluation claims the waiting jobs into its own batch (claimJobBatch), so five evaluations side by side
// (WORKER_CONCURRENCY) split a stream of HTTP writes into five small batches, each paying every per-batch statement
// and its own NHN call; waiting, the jobs that arrive meanwhile join the next batch instead (bench/probe.ts
// httpWrites: ~100 instead of ~150 NHN calls per 2,000 records, in the README). With a backlog (the last batch was
// at least half of EVALUATION_BATCH) batches are big anyway, and evaluations side by side overlap one's Node work
// with another's statements (20,000-event burst: sends/s ÷ raw jobs/s 0.7 one at a time, 0.9 side by side), so
// nothing waits. At low rates nothing waits either. No job waits longer than EVALUATION_WAIT_MAX_MS: an evaluation
// slowed by something else (the delivery poll after a burst took them from 7 to 40 ms) must not hold up the
// records behind it for long; 25 ms was too short to keep the batching at 600–900 records/s (112–118 NHN calls per
// 2,000, as without the gate), 100 ms keeps it. The sends after the commit are outside the gate: a slow NHN call never holds one back.
import type { Db } from '@alimflow/db';

/** Past this, a waiting evaluation goes ahead beside the running one. */
export const EVALUATION_WAIT_MAX_MS = 100;

interface Gate {
  running: number;
  backlog: boolean;
  waiting: Set<() => void>;
}
const gates = new WeakMap<object, Gate>();

/** Runs `evaluate` when its turn comes; `batchSize` reads how many events the finished batch held. */
export async function inEvaluationGate<T>(db: Db, backlogAt: number, evaluate: () => Promise<T>, batchSize: (result: T) => number): Promise<T> {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = { running: 0, backlog: false, waiting: new Set() }));
  const g = gate;
  // A waiter is counted as running by whoever lets it go (the finishing evaluation or its own timer), so no
  // newcomer slips in between.
  if (g.running > 0 && !g.backlog) {
    await new Promise<void>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        g.waiting.delete(go);
        g.running += 1;
        resolve();
      };
      const timer = setTimeout(go, EVALUATION_WAIT_MAX_MS);
      g.waiting.add(go);
    });
  } else g.running += 1;
  let size = 0;
  try {
    const result = await evaluate();
    size = batchSize(result);
    return result;
  } finally {
    g.running -= 1;
    g.backlog = size >= backlogAt;
    // A backlog lets every waiter go; otherwise the next one, in arrival order (a Set iterates in insertion order).
    for (const go of [...g.waiting].slice(0, g.backlog ? undefined : 1)) go();
  }
}
