// Retention (PIPA: personal data is destroyed once its purpose is met). Daily: send logs, automation events and
// finished repeat entries older than RETENTION_DAYS, and failed graphile-worker jobs (whose payloads hold the
// record) older than 30 days. Pending sends and live repeat series are never touched, whatever their age.
import type { Db } from '@alimflow/db';

export const DEFAULT_RETENTION_DAYS = 365;
export const FAILED_JOB_RETENTION_DAYS = 30;

export interface RetentionResult {
  sendLogs: number;
  events: number;
  repeats: number;
  failedJobs: number;
}

export async function purgeExpiredData(db: Db, now: Date, retentionDays: number): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const jobCutoff = new Date(now.getTime() - FAILED_JOB_RETENTION_DAYS * 86_400_000);
  const sendLogs = await db.alimtalkSendLog.deleteMany({ where: { createdAt: { lt: cutoff }, status: { not: 'pending' } } });
  const events = await db.automationEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  const repeats = await db.alimtalkAutomationQueue.deleteMany({ where: { updatedAt: { lt: cutoff }, status: { not: 'pending' } } });
  const failedJobs = await db.$executeRaw`
    DELETE FROM graphile_worker._private_jobs
     WHERE attempts >= max_attempts AND locked_at IS NULL AND updated_at < ${jobCutoff}`;
  return { sendLogs: sendLogs.count, events: events.count, repeats: repeats.count, failedJobs };
}
