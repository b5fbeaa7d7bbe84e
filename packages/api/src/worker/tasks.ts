// graphile-worker task list and cron entries. Cron ids are fixed: graphile-worker keys its "last run" bookkeeping
// on them, so renaming one would replay or skip a window. Every task is idempotent (jobs may run twice).
import type { CronItem, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { pollDeliveryResults, requeueStrandedSends } from '../services/delivery.ts';
import { runEvaluateJob } from '../services/evaluate.ts';
import { noteEnrolmentError, runEnrolment } from '../services/enrolment.ts';
import { PRIORITY, TASKS } from '../services/jobs.ts';
import { markImportFailed, runImport } from '../services/imports.ts';
import { processDueRepeats } from '../services/repeats.ts';
import { processSendJob } from '../services/send.ts';
import { purgeExpiredSessions } from './purge-sessions.ts';
import { DEFAULT_RETENTION_DAYS, purgeExpiredData } from './retention.ts';

const sendPayload = z.union([
  z.object({ sendLogId: z.string() }),
  z.object({ group: z.object({ orgId: z.string(), templateCode: z.string(), senderKey: z.string().nullable() }) }),
]);
const importPayload = z.object({ importId: z.string() });
const enrolPayload = z.object({ enrolmentId: z.string() });

export function createTaskList(deps: AppDeps): TaskList {
  return {
    [TASKS.evaluate]: (payload, helpers) => runEvaluateJob(deps, payload, helpers.job.locked_by, helpers.job.attempts),
    [TASKS.send]: async (payload, helpers) => {
      const result = await processSendJob(deps, sendPayload.parse(payload), helpers.job.id);
      if (result.claimed || result.held) deps.logger.info(result, 'send batch processed');
    },
    [TASKS.importRecords]: async (payload) => {
      const { importId } = importPayload.parse(payload);
      // Shown in the SPA until a retry (which resumes from the last committed chunk) gets further.
      await runImport(deps, importId).catch(async (error: unknown) => {
        await markImportFailed(deps.db, importId, 'The import stopped on a server error; it is retried automatically.');
        throw error;
      });
    },
    [TASKS.processRepeats]: async () => {
      await processDueRepeats(deps);
    },
    [TASKS.pollDelivery]: async () => {
      await requeueStrandedSends(deps);
      await pollDeliveryResults(deps);
    },
    [TASKS.purgeSessions]: async () => {
      const removed = await purgeExpiredSessions(deps.db, deps.now());
      if (removed) deps.logger.info({ removed }, 'expired sessions purged');
      await deps.loginLimiter.purge();
    },
    [TASKS.purgeExpiredData]: async () => {
      const removed = await purgeExpiredData(deps.db, deps.now(), deps.retentionDays ?? DEFAULT_RETENTION_DAYS);
      deps.logger.info(removed, 'retention: expired data deleted');
    },
    [TASKS.enrolRecords]: async (payload) => {
      const { enrolmentId } = enrolPayload.parse(payload);
      // A retry resumes after the last committed page.
      await runEnrolment(deps, enrolmentId).catch(async (error: unknown) => {
        await noteEnrolmentError(deps, enrolmentId);
        throw error;
      });
    },
  };
}

// backfillPeriod 0: a sweep missed while no worker ran is not replayed; the next minute's sweep picks up
// everything that became due meanwhile.
export const cronItems: CronItem[] = [
  { task: TASKS.processRepeats, match: '* * * * *', identifier: 'automation.process-repeats', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:process-repeats' } },
  // One poll at a time (its own queue) and after evaluations and sends (sweep priority): a poll over tens of
  // thousands of accepted sends outlasts the minute, and each minute's new one used to start beside it until five
  // polls filled the worker and record events waited behind them (measured in `pnpm bench`: evaluations stalled
  // minutes after a 60,000-send run).
  { task: TASKS.pollDelivery, match: '* * * * *', identifier: 'alimtalk.poll-delivery', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:poll-delivery', queueName: 'alimtalk.poll-delivery', priority: PRIORITY.sweep } },
  { task: TASKS.purgeSessions, match: '17 * * * *', identifier: 'sessions.purge-expired', options: { backfillPeriod: 0 } },
  { task: TASKS.purgeExpiredData, match: '41 3 * * *', identifier: 'retention.purge', options: { backfillPeriod: 0 } },
];
