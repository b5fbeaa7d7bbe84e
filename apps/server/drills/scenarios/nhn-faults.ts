// b. NHN answers HTTP 500 / -9999 for 30 s during a burst; c. NHN takes 2 s per call. The record API must not
// notice (it never waits for NHN), and every send still happens exactly once.
import { auditSends } from '../lib/audit.ts';
import { burst, median } from '../lib/client.ts';
import type { Cluster } from '../lib/cluster.ts';
import {
  check,
  no500,
  prepareOrg,
  round,
  withCluster,
  type Drill,
  type DrillOutcome,
  type Scale,
} from '../lib/drill.ts';
import type { FailureRateSpec } from '@alimflow/alimtalk/fake';

interface FaultWindow {
  /** Seconds of normal traffic, then of the fault (records keep coming), then normal again. */
  beforeS: number;
  faultS: number;
  afterS: number;
  fault: FailureRateSpec;
}

function underNhnFault(scale: Scale, window: FaultWindow, shared?: Cluster): Promise<DrillOutcome> {
  return withCluster(
    shared,
    { silentAfterS: 60, sendRetryBaseMs: scale === 'small' ? 500 : 5_000 },
    async (cluster) => {
      await cluster.ensure({ workers: 1 });
      const org = await prepareOrg(cluster);
      const t0 = performance.now();
      const faultFrom = window.beforeS * 1000;
      const faultTo = faultFrom + window.faultS * 1000;
      const end = faultTo + window.afterS * 1000;
      const timers = [
        setTimeout(() => cluster.fake.faults.setFailureRate(window.fault), faultFrom),
        setTimeout(() => cluster.fake.faults.setFailureRate({ rate: 0 }), faultTo),
      ];
      const stats = await burst({
        baseUrl: () => cluster.baseUrl,
        cookie: () => org.cookie,
        partitionId: org.partitionId,
        concurrency: 10,
        until: () => performance.now() - t0 > end,
      });
      timers.forEach(clearTimeout);
      cluster.fake.faults.setFailureRate({ rate: 0 });
      const audit = await auditSends(cluster, { ...org, since: t0 + faultTo, timeoutMs: 600_000 });
      const p50 = (from: number, to: number) =>
        median(stats.samples.filter((s) => s.at >= from && s.at < to).map((s) => s.ms));
      const before = p50(0, faultFrom);
      const during = p50(faultFrom, faultTo);
      const ratio = during / before;
      return {
        checks: [
          check('0 lost', audit.lost === 0),
          check('0 doubled', audit.doubled === 0),
          check('no HTTP 500', no500(stats.statuses)),
          check('records.create p50 during the fault ÷ before ≤ 1.2', ratio <= 1.2),
        ],
        figures: {
          records: audit.records,
          ...(stats.unexpected.length ? { unexpectedAnswers: stats.unexpected.join(' | ') } : {}),
          lost: audit.lost,
          doubled: audit.doubled,
          p50BeforeMs: round(before),
          p50DuringMs: round(during),
          p50Ratio: round(ratio, 2),
          allSentAfterFaultEndedS: round(audit.allSentAfterS),
        },
      };
    },
  );
}

export const nhnOutage: Drill = {
  id: 'b',
  title: 'NHN answers HTTP 500 / -9999 for 30 s',
  proves:
    'a provider outage is retried to exactly one accepted send per record, and the record API does not slow down',
  run: (scale, shared) =>
    underNhnFault(
      scale,
      {
        ...(scale === 'small'
          ? { beforeS: 3, faultS: 6, afterS: 2 }
          : { beforeS: 10, faultS: 30, afterS: 5 }),
        fault: { rate: 1, kinds: ['http500', 'nhnError'], scope: 'send', seed: 8 },
      },
      shared,
    ),
};

export const nhnSlow: Drill = {
  id: 'c',
  title: 'NHN takes 2 s per call',
  proves: 'a slow provider only delays sends: records.create does not wait for NHN',
  run: (scale, shared) =>
    underNhnFault(
      scale,
      {
        ...(scale === 'small'
          ? { beforeS: 3, faultS: 6, afterS: 0 }
          : { beforeS: 10, faultS: 20, afterS: 0 }),
        fault: { rate: 1, kinds: ['slow'], delayMs: 2_000, scope: 'send' },
      },
      shared,
    ),
};
