// d. Postgres restarted (fast shutdown, down for 2 s) in the middle of a burst.
import { auditSends } from '../lib/audit.ts';
import { burst } from '../lib/client.ts';
import { sleep } from '../lib/cluster.ts';
import { atCount, check, no500, prepareOrg, round, withCluster, type Drill } from '../lib/drill.ts';

export const postgresRestart: Drill = {
  id: 'd',
  title: 'Postgres restarted mid-burst',
  proves:
    'server and worker ride out a database restart with no manual step: 503 + Retry-After meanwhile, never 500, nothing lost',
  run(scale, shared) {
    const small = scale === 'small';
    const total = small ? 40 : 300;
    return withCluster(shared, { silentAfterS: small ? 3 : 60 }, async (cluster) => {
      const { api, workers } = await cluster.ensure({ workers: 1 });
      const org = await prepareOrg(cluster);
      const chaos = atCount(Math.floor(total / 4), async () => {
        await cluster.stopPostgres();
        await sleep(500);
        const res = await fetch(`${cluster.baseUrl}/healthz`);
        const health = { status: res.status, body: JSON.stringify(await res.json()) };
        await sleep(1_500);
        await cluster.startPostgres();
        return { health, backAt: performance.now() };
      });
      const stats = await burst({
        baseUrl: () => cluster.baseUrl,
        cookie: () => org.cookie,
        partitionId: org.partitionId,
        concurrency: small ? 5 : 20,
        total,
        onCreated: chaos.onCreated,
      });
      const { health, backAt } = (await chaos.done())!;
      const audit = await auditSends(cluster, { ...org, since: backAt, timeoutMs: small ? 60_000 : 300_000 });
      const alive = api.alive() && workers.every((w) => w.alive());
      // Bounded shutdown with the database already gone.
      await cluster.stopPostgres();
      const stopMs = Math.max(...(await Promise.all([api.stop(), ...workers.map((w) => w.stop())])));
      // Back up for whatever runs next on a shared cluster (processes start again through ensure()).
      await cluster.startPostgres();
      return {
        checks: [
          check('0 lost', audit.lost === 0),
          check('0 doubled', audit.doubled === 0),
          check('no HTTP 500', no500(stats.statuses)),
          check('503 answers carried Retry-After', (stats.statuses['503'] ?? 0) === stats.retryAfter),
          check(
            '/healthz said the database was down (503)',
            health.status === 503 && health.body.includes('"database":"down"'),
          ),
          check('server and worker still running', alive),
          check('shutdown with Postgres gone ≤ 15 s', stopMs <= 15_000),
        ],
        figures: {
          records: audit.records,
          ...(stats.unexpected.length ? { unexpectedAnswers: stats.unexpected.join(' | ') } : {}),
          ...(stats.unexpected.length ? { unexpectedAnswers: stats.unexpected.join(' | ') } : {}),
          lost: audit.lost,
          doubled: audit.doubled,
          http503: stats.statuses['503'] ?? 0,
          http500: stats.statuses['500'] ?? 0,
          allSentAfterPostgresBackS: round(audit.allSentAfterS),
          healthzWhileDown: health.body,
          shutdownWithoutPostgresS: round(stopMs / 1000),
        },
      };
    });
  },
};
