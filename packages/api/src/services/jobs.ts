// Enqueueing on the caller's own transaction: graphile_worker.add_job inside the same transaction as the row it
// refers to, so a committed change always gets its job and a rolled-back one never does.
import { Prisma, type RawTx } from '@alimflow/db';

export type Tx = Prisma.TransactionClient;
/** What raw-only code takes: a Prisma transaction or a pool transaction (withPoolTransaction). */
export type { RawTx };

export const TASKS = {
  evaluate: 'automation.evaluate',
  send: 'alimtalk.send',
  processRepeats: 'automation.process-repeats',
  pollDelivery: 'alimtalk.poll-delivery',
  purgeSessions: 'sessions.purge-expired',
  importRecords: 'records.import',
  purgeExpiredData: 'retention.purge',
  enrolRecords: 'automation.enrol-records',
} as const;

/**
 * Each waiting record event as a row (jobId, attempts, payload), whichever job carries it: a batch job holds the
 * events of records created together (record-insert-batch.ts).
 */
export const QUEUED_RECORD_EVENTS = Prisma.sql`
  SELECT j.id::text AS "jobId", j.attempts, e.value AS payload
    FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = ${TASKS.evaluate}
   CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(j.payload) = 'array' THEN j.payload ELSE json_build_array(j.payload) END) AS e`;

export interface AddJobOptions {
  /** Run this long after the database's now() — the database clock, so an app clock cannot skew schedules. */
  delayMs?: number;
  /** Run at this instant instead (a send held by its window runs at the opening). */
  runAt?: Date;
  jobKey?: string;
  maxAttempts?: number;
  /** 'replace' (default) or 'preserve_run_at' — see graphile-worker's job_key docs. */
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  /** Lower runs first (graphile-worker orders by priority, then run_at). */
  priority?: number;
}

/**
 * Sends before evaluations: a burst of thousands of record events must not hold back the sends already decided
 * (the commit → NHN latency), and the sweeps come last.
 */
export const PRIORITY = { send: -10, evaluate: 0, sweep: 10 } as const;

export async function addJob(tx: RawTx, task: string, payload: object, options: AddJobOptions = {}): Promise<void> {
  // graphile-worker's add_jobs clears the key of a *locked* job and then upserts `WHERE locked_at IS NULL`, in two
  // statements. A worker can lock the keyed job between them: then nothing is inserted or updated and add_job
  // returns an empty row — and the running job, started before this transaction commits, never sees the new rows
  // (measured: 199 SendLogs of one evaluation batch left without a send job). Asking again is safe: the job is
  // locked now, so the next call unkeys it and inserts a fresh one. Without a key the insert always happens.
  for (let attempt = 0; attempt < 5; attempt++) {
    const [job] = await tx.$queryRaw<{ id: string | null }[]>`SELECT id::text AS id FROM ${addJobCall(task, payload, options)}`;
    if (job?.id) return;
  }
  throw new Error(`could not enqueue ${task}: its keyed job kept being locked while it was added`);
}

/** The graphile_worker.add_job call as an SQL fragment. */
function addJobCall(task: string, payload: object, options: AddJobOptions = {}): Prisma.Sql {
  return Prisma.sql`graphile_worker.add_job(
      identifier => ${task},
      payload => ${JSON.stringify(payload)}::json,
      run_at => coalesce(${options.runAt ?? null}::timestamptz, now() + make_interval(secs => ${(options.delayMs ?? 0) / 1000}::double precision)),
      job_key => ${options.jobKey ?? null},
      max_attempts => ${options.maxAttempts ?? 10}::int,
      job_key_mode => ${options.jobKeyMode ?? 'replace'},
      priority => ${options.priority ?? 0}::int
    )`;
}

/** The send job for one SendLog row; the job key makes a second enqueue for the same row a no-op rescheduling. */
export function enqueueSend(tx: RawTx, sendLogId: string, delayMs?: number): Promise<void> {
  return addJob(tx, TASKS.send, { sendLogId }, { jobKey: `send:${sendLogId}`, priority: PRIORITY.send, ...(delayMs ? { delayMs } : {}) });
}

/** The send job of a row held by its send window, at the opening. */
export function enqueueSendAt(tx: RawTx, sendLogId: string, runAt: Date): Promise<void> {
  return addJob(tx, TASKS.send, { sendLogId }, { jobKey: `send:${sendLogId}`, priority: PRIORITY.send, runAt });
}

/** The fresh pending rows of one (org, template, sender) — what one NHN call can carry. */
export interface SendGroup {
  orgId: string;
  templateCode: string;
  senderKey: string | null;
}

/**
 * One send job per group rather than per row: every evaluation batch that queues rows for the same template
 * folds into the same waiting job (its key), and that job drains the group in 1,000-recipient calls.
 */
export function enqueueSendGroup(tx: RawTx, group: SendGroup, runAt?: Date): Promise<void> {
  // A group held by its window gets its own job per opening, so it neither delays nor is run early by the group's
  // immediate job; the immediate job leaves rows whose notBefore is still ahead.
  return addJob(tx, TASKS.send, { group }, { jobKey: sendGroupKey(group, runAt), jobKeyMode: 'preserve_run_at', priority: PRIORITY.send, ...(runAt ? { runAt } : {}) });
}

export const sendGroupKey = (group: SendGroup, runAt?: Date) =>
  `send-group:${group.orgId}:${group.templateCode}:${group.senderKey ?? ''}${runAt ? `:${runAt.toISOString()}` : ''}`;

/** The distinct groups of some freshly queued rows: one send job each (and one per window opening). */
export function sendGroups(rows: (SendGroup & { notBefore?: Date })[]): (SendGroup & { runAt?: Date })[] {
  const groups = new Map(rows.map((r) => [`${r.orgId}:${r.templateCode}:${r.senderKey ?? ''}:${r.notBefore?.toISOString() ?? ''}`, r]));
  return [...groups.values()].map(({ orgId, templateCode, senderKey, notBefore }) => ({ orgId, templateCode, senderKey, ...(notBefore ? { runAt: notBefore } : {}) }));
}

/** One send job per group of freshly queued rows, the held ones at their opening. */
export async function enqueueSendGroups(tx: RawTx, rows: (SendGroup & { notBefore?: Date })[]): Promise<void> {
  for (const { runAt, ...group } of sendGroups(rows)) await enqueueSendGroup(tx, group, runAt);
}
