// e. Two worker processes and two external schedulers sweep the same 1,000 due repeat entries at once.
import { doubledAtNhn } from '../lib/audit.ts';
import { callProcessRepeats } from '../lib/client.ts';
import { sleep } from '../lib/cluster.ts';
import { check, prepareOrg, withCluster, type Drill } from '../lib/drill.ts';

export const concurrentRepeats: Drill = {
  id: 'e',
  title: 'two workers + two external schedulers sweep repeats at once',
  proves: 'each due repeat entry is advanced and sent exactly once per due tick, however many sweeps race',
  run(scale, shared) {
    const small = scale === 'small';
    const total = small ? 30 : 1_000;
    return withCluster(shared, { silentAfterS: small ? 3 : 60 }, async (cluster) => {
      await cluster.ensure({ workers: 2 });
      const org = await prepareOrg(cluster, { repeat: true });
      const { db } = cluster;
      const records = Array.from({ length: total }, (_, i) => ({
        id: crypto.randomUUID(),
        orgId: org.orgId,
        partitionId: org.partitionId,
        data: { 이름: `반복${i}`, 전화번호: `010${String(30_000_000 + i).padStart(8, '0')}`, 상태: '신규' },
      }));
      await db.record.createMany({ data: records });
      const due = new Date(Date.now() - 60_000);
      await db.alimtalkAutomationQueue.createMany({
        data: records.map((r) => ({ orgId: org.orgId, linkId: org.linkId, recordId: r.id, nextRunAt: due })),
      });

      // The two workers' sweep (what their cron runs each minute) and two schedulers, all at the same moment.
      const statuses: number[] = [];
      const scheduler = async () => {
        for (let i = 0; i < 3; i++) statuses.push((await callProcessRepeats(cluster.baseUrl)).status);
      };
      await Promise.all([
        db.$executeRaw`SELECT graphile_worker.add_job('automation.process-repeats', '{}'::json) FROM generate_series(1, 2)`,
        scheduler(),
        scheduler(),
      ]);
      const deadline = Date.now() + (small ? 60_000 : 300_000);
      const advanced = () =>
        db.alimtalkAutomationQueue.count({ where: { linkId: org.linkId, repeatCount: { gte: 1 } } });
      const sent = () =>
        db.alimtalkSendLog.count({
          where: { linkId: org.linkId, status: { in: ['accepted', 'delivered'] } },
        });
      while ((await advanced()) < total || (await sent()) < total) {
        if (Date.now() > deadline) break;
        await sleep(250);
      }
      await sleep(1_000);
      const overAdvanced = await db.alimtalkAutomationQueue.count({
        where: { linkId: org.linkId, repeatCount: { gt: 1 } },
      });
      const perRecord = await db.alimtalkSendLog.groupBy({
        by: ['recordId'],
        where: { linkId: org.linkId, triggerType: 'repeat' },
        _count: true,
      });
      const accepted = await sent();
      const doubled = perRecord.filter((r) => r._count > 1).length + doubledAtNhn(cluster);
      const advancedOnce = (await advanced()) - overAdvanced;
      return {
        checks: [
          check('every entry advanced exactly once', advancedOnce === total && overAdvanced === 0),
          check('one repeat send per entry, each accepted', perRecord.length === total && accepted === total),
          check('0 doubled', doubled === 0),
          check(
            'the schedulers were answered 200',
            statuses.every((s) => s === 200),
          ),
        ],
        figures: { entries: total, advancedOnce, overAdvanced, accepted, doubled, lost: total - accepted },
      };
    });
  },
};
