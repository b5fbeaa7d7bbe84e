// The Prometheus registry of one process. Global figures (lag, queues, sends, repeats, workers) are gauges read
// from Postgres at scrape time (snapshot.ts), so every process reports the same install-wide values; process
// metrics, NHN call timings and sign-in counts are this process's own series (Prometheus tells processes apart
// by their `instance`). Label values are task names, statuses, codes and operations — never personal data.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OpsSnapshot } from './snapshot.ts';

export type NhnOperation = 'send' | 'find_messages' | 'delivery_results' | 'templates';
export type NhnOutcome = 'ok' | 'transient' | 'permanent' | 'duplicate' | 'error';

export interface Metrics {
  readonly registry: Registry;
  /** One NHN API call: how long it took, how it ended, and (for sends) how many recipients it carried. */
  observeNhnCall(operation: NhnOperation, outcome: NhnOutcome, seconds: number, recipients?: number): void;
  /** One sign-in attempt the limiter saw: refused while cooling down, or let through to the password check. */
  countLoginAttempt(result: 'refused' | 'checked'): void;
  countLoginSuccess(): void;
  /** The exposition text, Postgres figures read first; database trouble shows as alimflow_ops_snapshot_up 0. */
  text(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(snapshot: () => Promise<OpsSnapshot>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  // The database-backed gauges are filled from one snapshot read before each exposition (see text()): the
  // registry collects metrics concurrently, so a collect hook on one gauge could not fill the others in time.
  const up = new Gauge({
    name: 'alimflow_ops_snapshot_up',
    help: '1 when the figures below were read from Postgres for this scrape, 0 when the database could not be read',
    registers,
  });
  const lag = new Gauge({ name: 'alimflow_evaluation_lag_seconds', help: 'Age of the oldest committed record event not yet evaluated (0 when none waits)', registers });
  const depth = new Gauge({ name: 'alimflow_queue_depth', help: 'Jobs waiting, scheduled or running, per task (a batch job counts its entries)', labelNames: ['task'], registers });
  const running = new Gauge({ name: 'alimflow_queue_running', help: 'Jobs locked by a worker right now, per task', labelNames: ['task'], registers });
  const failedJobs = new Gauge({ name: 'alimflow_queue_failed_jobs', help: 'Jobs out of attempts (permanently failed) per task', labelNames: ['task'], registers });
  const sends = new Gauge({ name: 'alimflow_sends', help: 'Send log rows by status (within the retention window)', labelNames: ['status'], registers });
  const sendsByCode = new Gauge({ name: 'alimflow_sends_by_result_code', help: 'Settled send log rows by status and NHN result code', labelNames: ['status', 'code'], registers });
  const repeatsDue = new Gauge({ name: 'alimflow_repeats_due', help: 'Pending repeat entries whose next run is due', registers });
  const repeatsOverdue = new Gauge({ name: 'alimflow_repeats_overdue', help: 'Pending repeat entries more than 120 s past due (a sweep was missed)', registers });
  const workers = new Gauge({ name: 'alimflow_live_workers', help: 'Worker processes whose heartbeat is recent (WORKER_SILENT_AFTER_S)', registers });

  const fill = (s: OpsSnapshot | null) => {
    up.set(s ? 1 : 0);
    for (const g of [lag, depth, running, failedJobs, sends, sendsByCode, repeatsDue, repeatsOverdue, workers]) g.reset();
    if (!s) return;
    lag.set(s.evaluationLagSeconds);
    for (const q of s.queues) {
      depth.set({ task: q.task }, q.depth);
      running.set({ task: q.task }, q.running);
      failedJobs.set({ task: q.task }, q.failed);
    }
    for (const x of s.sendsByStatus) sends.set({ status: x.status }, x.count);
    for (const x of s.sendsByResultCode) sendsByCode.set({ status: x.status, code: x.code }, x.count);
    repeatsDue.set(s.repeatsDue);
    repeatsOverdue.set(s.repeatsOverdue);
    workers.set(s.liveWorkers);
  };

  const nhnDuration = new Histogram({
    name: 'alimflow_nhn_request_duration_seconds',
    help: 'NHN AlimTalk API calls made by this process, by operation and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const recipients = new Histogram({
    name: 'alimflow_nhn_recipients_per_call',
    help: 'Recipients carried by one NHN send call made by this process',
    buckets: [1, 5, 10, 50, 100, 250, 500, 1000],
    registers,
  });
  const loginAttempts = new Counter({ name: 'alimflow_login_attempts_total', help: 'Sign-in attempts seen by this process: refused (cooling down) or checked', labelNames: ['result'], registers });
  const loginSuccesses = new Counter({ name: 'alimflow_login_successes_total', help: 'Sign-ins with the right password on this process', registers });
  const loginFailures = new Gauge({
    name: 'alimflow_login_failures',
    help: 'Sign-in attempts on this process that were refused or had a wrong password (attempts − successes)',
    registers,
    async collect() {
      const attempts = (await loginAttempts.get()).values.reduce((sum, v) => sum + v.value, 0);
      const ok = (await loginSuccesses.get()).values.reduce((sum, v) => sum + v.value, 0);
      loginFailures.set(Math.max(0, attempts - ok));
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    observeNhnCall(operation, outcome, seconds, count) {
      nhnDuration.observe({ operation, outcome }, seconds);
      if (operation === 'send' && count !== undefined) recipients.observe(count);
    },
    countLoginAttempt: (result) => loginAttempts.inc({ result }),
    countLoginSuccess: () => loginSuccesses.inc(),
    async text() {
      fill(await snapshot().catch(() => null));
      return registry.metrics();
    },
  };
}
