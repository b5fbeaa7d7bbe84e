// Permanently failed jobs (attempts used up) as an org admin may see and act on them. The queue is shared by
// every org of an install, so a job belongs to an org only through its payload: a record event names its org, a
// send names a SendLog, an import names a RecordImport. An admin lists, retries and discards only jobs that
// belong to their org; everything else (other orgs' jobs, cron sweeps) is a count, never a payload.
import type { Db } from '@alimflow/db';
import { TASKS } from '../services/jobs.ts';

export interface FailedJob {
  id: string;
  task: string;
  attempts: number;
  /** The record, send log or import the job was about (ids only). */
  subjectId: string | null;
  /** First line of the last error, without file paths. */
  lastError: string | null;
  failedAt: string;
  createdAt: string;
}

interface FailedJobRow {
  id: string;
  task: string;
  attempts: number;
  subject_id: string | null;
  last_error: string | null;
  updated_at: Date;
  created_at: Date;
}

const MAX_ERROR = 160;

/** graphile-worker keeps the thrown message whole; Prisma's name the source file and quote the query. */
export function errorSummary(message: string | null): string | null {
  if (!message) return null;
  const first = (message.trim().split('\n')[0] ?? '').replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@-]+)+(?::\d+)*/g, '…').trim();
  return first.length > MAX_ERROR ? `${first.slice(0, MAX_ERROR)}…` : first || null;
}

// One definition of "this job is the org's", used by the list and by both actions.
// An evaluate batch job (records created together) is one org's: its first entry names it.
const OWNED = `(
  (t.identifier = '${TASKS.evaluate}' AND COALESCE(j.payload->>'orgId', j.payload->0->>'orgId') = $1)
  OR (t.identifier = '${TASKS.send}' AND EXISTS (
        SELECT 1 FROM "AlimtalkSendLog" s WHERE s.id::text = j.payload->>'sendLogId' AND s."orgId"::text = $1))
  OR (t.identifier = '${TASKS.importRecords}' AND EXISTS (
        SELECT 1 FROM "RecordImport" r WHERE r.id::text = j.payload->>'importId' AND r."orgId"::text = $1)))`;
const SUBJECT = `COALESCE(j.payload->>'recordId', j.payload->0->>'recordId', j.payload->>'sendLogId', j.payload->>'importId')`;
const FROM = `graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`;
const FAILED = `j.attempts >= j.max_attempts`;

export async function listFailedJobs(db: Db, orgId: string, limit = 50): Promise<{ jobs: FailedJob[]; otherFailed: number }> {
  const rows = await db.$queryRawUnsafe<FailedJobRow[]>(
    `SELECT j.id::text AS id, t.identifier AS task, j.attempts, ${SUBJECT} AS subject_id, j.last_error, j.updated_at, j.created_at
       FROM ${FROM} WHERE ${FAILED} AND ${OWNED} ORDER BY j.updated_at DESC, j.id DESC LIMIT $2`,
    orgId,
    limit,
  );
  const counts = await db.$queryRawUnsafe<Array<{ total: bigint; own: bigint }>>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE ${OWNED}) AS own FROM ${FROM} WHERE ${FAILED}`,
    orgId,
  );
  return {
    jobs: rows.map((r) => ({
      id: r.id,
      task: r.task,
      attempts: r.attempts,
      subjectId: r.subject_id,
      lastError: errorSummary(r.last_error),
      failedAt: r.updated_at.toISOString(),
      createdAt: r.created_at.toISOString(),
    })),
    otherFailed: Number(counts[0]?.total ?? 0) - Number(counts[0]?.own ?? 0),
  };
}

/**
 * Runs a failed job again from its first attempt, now. false when the id is not a failed job of this org —
 * the caller answers "not found" either way, so ids of other orgs' jobs reveal nothing.
 */
export async function retryFailedJob(db: Db, orgId: string, jobId: string): Promise<boolean> {
  const updated = await db.$executeRawUnsafe(
    `UPDATE graphile_worker._private_jobs AS j SET attempts = 0, run_at = now(), last_error = NULL, updated_at = now()
       FROM graphile_worker._private_tasks t
      WHERE t.id = j.task_id AND j.id = $2::bigint AND ${FAILED} AND j.locked_at IS NULL AND ${OWNED}`,
    orgId,
    jobId,
  );
  return updated > 0;
}

/** Deletes a failed job of this org for good (what it would have done is not done). */
export async function discardFailedJob(db: Db, orgId: string, jobId: string): Promise<boolean> {
  const removed = await db.$executeRawUnsafe(
    `DELETE FROM graphile_worker._private_jobs AS j USING graphile_worker._private_tasks t
      WHERE t.id = j.task_id AND j.id = $2::bigint AND ${FAILED} AND j.locked_at IS NULL AND ${OWNED}`,
    orgId,
    jobId,
  );
  return removed > 0;
}
