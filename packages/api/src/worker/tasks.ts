// graphile-worker task list and cron entries. Cron ids are fixed: graphile-worker keys its "last run" bookkeeping
// on them, so renaming one would replay or skip a window.
import type { CronItem, TaskList } from 'graphile-worker';
import type { AppDeps } from '../deps.ts';
import { purgeExpiredSessions } from './purge-sessions.ts';

export function createTaskList(deps: AppDeps): TaskList {
  return {
    'sessions.purge-expired': async () => {
      const removed = await purgeExpiredSessions(deps.db, deps.now());
      if (removed) deps.logger.info({ removed }, 'expired sessions purged');
    },
  };
}

export const cronItems: CronItem[] = [
  { task: 'sessions.purge-expired', match: '17 * * * *', identifier: 'sessions.purge-expired', options: { backfillPeriod: 0 } },
];
