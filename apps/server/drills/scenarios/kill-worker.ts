// a. kill -9 of a worker process in the middle of a burst, restarted 2 s later.
import { auditSends } from '../lib/audit.ts';
import { burst } from '../lib/client.ts';
import { sleep } from '../lib/cluster.ts';
import {
  atCount,
  check,
  jobsLockedBy,
  no500,
  prepareOrg,
  round,
  withCluster,
  type Drill,
} from '../lib/drill.ts';

export const killWorker: Drill = {
  id: 'a',
  title: 'kill -9 of the worker mid-burst',
  proves: 'jobs a dead worker held are handed back by worker recovery and run once; no evaluation is lost',
  run(scale, shared) {
    const small = scale === 'small';
    const total = small ? 40 : 5_000;
    const silentAfterS = small ? 3 : 60;
    return withCluster(shared, { silentAfterS }, async (cluster) => {
      const { workers } = await cluster.ensure({ workers: 1 });
      const first = workers[0]!;
      const org = await prepareOrg(cluster);
      // Small runs hold each NHN call for a moment so the kill is sure to catch jobs in flight.
      if (small)
        cluster.fake.faults.setFailureRate({ rate: 1, kinds: ['slow'], delayMs: 1_500, scope: 'send' });
      const chaos = atCount(Math.floor(total / 3), async () => {
        const lockedAtKill = await jobsLockedBy(cluster, first.pid);
        await first.kill9();
        await sleep(2_000);
        const second = await cluster.startWorker();
        return { lockedAtKill, second, restartedAt: performance.now() };
      });
      const stats = await burst({
        baseUrl: () => cluster.baseUrl,
        cookie: () => org.cookie,
        partitionId: org.partitionId,
        concurrency: small ? 5 : 20,
        total,
        onCreated: chaos.onCreated,
      });
      const { lockedAtKill, second, restartedAt } = (await chaos.done())!;
      if (small) cluster.fake.faults.setFailureRate({ rate: 0 });
      const audit = await auditSends(cluster, {
        ...org,
        since: restartedAt,
        timeoutMs: small ? 60_000 : 300_000,
      });
      return {
        checks: [
          check('the kill caught jobs in flight', lockedAtKill > 0),
          check('0 lost', audit.lost === 0),
          check('0 doubled', audit.doubled === 0),
          check('no HTTP 500', no500(stats.statuses)),
          check('every record sent ≤ 90 s after the restart', audit.allSentAfterS <= 90),
          check('the restarted worker is still running', second.alive()),
        ],
        figures: {
          records: audit.records,
          ...(stats.unexpected.length ? { unexpectedAnswers: stats.unexpected.join(' | ') } : {}),
          ...(stats.unexpected.length ? { unexpectedAnswers: stats.unexpected.join(' | ') } : {}),
          jobsLockedAtKill: lockedAtKill,
          lost: audit.lost,
          doubled: audit.doubled,
          allSentAfterRestartS: round(audit.allSentAfterS),
          silentAfterS,
        },
      };
    });
  },
};
