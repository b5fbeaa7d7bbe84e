// While records arrive at a rate the worker keeps up with, one evaluation transaction at a time per process (per
// database client); other evaluate jobs this process has taken wait here, holding only their graphile-worker lock.
// Why: each evaluation claims the waiting jobs into its own batch (claimJobBatch), so five evaluations side by side
// (WORKER_CONCURRENCY) split a stream of HTTP writes into five small batches, each paying every per-batch statement
// and its own NHN call; waiting, the jobs that arrive meanwhile join the next batch instead (bench/probe.ts
// httpWrites: ~100 instead of ~150 NHN calls per 2,000 records, in the README). With a backlog (the last batch was
// at least half of EVALUATION_BATCH) batches are big anyway, and evaluations side by side overlap one's Node work
// with another's statements (20,000-event burst: sends/s ÷ raw jobs/s 0.7 one at a time, 0.9 side by side), so
// nothing waits. At low rates nothing waits either. The sends after the commit are outside the gate: a slow NHN
// call never holds an evaluation back.
import type { Db } from '@alimflow/db';

interface Gate {
  running: number;
  backlog: boolean;
  waiting: (() => void)[];
}
const gates = new WeakMap<object, Gate>();

/** Runs `evaluate` when its turn comes; `batchSize` reads how many events the finished batch held. */
export async function inEvaluationGate<T>(db: Db, backlogAt: number, evaluate: () => Promise<T>, batchSize: (result: T) => number): Promise<T> {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = { running: 0, backlog: false, waiting: [] }));
  const g = gate;
  // A waiter is counted as running by whoever lets it go, so no newcomer slips in between.
  if (g.running > 0 && !g.backlog) await new Promise<void>((resolve) => g.waiting.push(resolve));
  else g.running += 1;
  let size = 0;
  try {
    const result = await evaluate();
    size = batchSize(result);
    return result;
  } finally {
    g.running -= 1;
    g.backlog = size >= backlogAt;
    // A backlog lets every waiter go; otherwise the next one, in arrival order.
    for (const next of g.waiting.splice(0, g.backlog ? g.waiting.length : 1)) {
      g.running += 1;
      next();
    }
  }
}
