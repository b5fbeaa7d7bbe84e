// f. kill -9 of the all-in-one process (API + worker + schedulers, what `pnpm start` runs) mid-burst, restarted.
import { auditSends } from '../lib/audit.ts';
import { burst } from '../lib/client.ts';
import { sleep, type AppProcess } from '../lib/cluster.ts';
import { atCount, check, no500, prepareOrg, round, withCluster, type Drill } from '../lib/drill.ts';

export const killAllInOne: Drill = {
  id: 'f',
  title: 'kill -9 of the all-in-one process mid-burst',
  proves:
    'a crash of the single-process setup loses no committed record and doubles no send after a plain restart',
  run(scale) {
    const small = scale === 'small';
    const total = small ? 40 : 2_000;
    // Its own cluster always: the all-in-one process is the only app process here.
    return withCluster(undefined, { silentAfterS: small ? 3 : 60 }, async (cluster) => {
      let app: AppProcess = await cluster.startApi({ allInOne: true });
      const org = await prepareOrg(cluster);
      const chaos = atCount(Math.floor(total / 3), async () => {
        await app.kill9();
        await sleep(2_000);
        app = await cluster.startApi({ allInOne: true });
        return performance.now();
      });
      const stats = await burst({
        baseUrl: () => cluster.baseUrl,
        cookie: () => org.cookie,
        partitionId: org.partitionId,
        concurrency: small ? 5 : 20,
        total,
        onCreated: chaos.onCreated,
      });
      const restartedAt = (await chaos.done())!;
      const audit = await auditSends(cluster, {
        ...org,
        since: restartedAt,
        timeoutMs: small ? 60_000 : 300_000,
      });
      return {
        checks: [
          check('0 lost', audit.lost === 0),
          check('0 doubled', audit.doubled === 0),
          check('no HTTP 500', no500(stats.statuses)),
          check('the restarted process is running', app.alive()),
        ],
        figures: {
          records: audit.records,
          ...(stats.unexpected.length ? { unexpectedAnswers: stats.unexpected.join(' | ') } : {}),
          lost: audit.lost,
          doubled: audit.doubled,
          requestsWithoutAnswer: stats.statuses['no-answer'] ?? 0,
          allSentAfterRestartS: round(audit.allSentAfterS),
        },
      };
    });
  },
};
