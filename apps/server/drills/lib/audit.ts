// The end of every drill: what the fake NHN received against what the SendLogs say.
//   lost    — a record the rule matched that has no accepted send;
//   doubled — one SendLog accepted by NHN more than once, or one record + rule with more than one accepted send.
import type { SendStatus } from '@alimflow/db';
import type { Cluster } from './cluster.ts';
import { sleep } from './cluster.ts';

export interface Audit {
  records: number;
  sent: number;
  lost: number;
  doubled: number;
  /** Seconds from `since` until the last record had its accepted send (NaN if some never did). */
  allSentAfterS: number;
}

const ACCEPTED: SendStatus[] = ['accepted', 'delivered'];

/** Waits (up to `timeoutMs`) until every record of the partition has an accepted send for the link, then audits. */
export async function auditSends(
  cluster: Cluster,
  opts: { partitionId: string; linkId: string; since: number; timeoutMs: number },
): Promise<Audit> {
  const { db } = cluster;
  const records = await db.record.count({ where: { partitionId: opts.partitionId } });
  const sentRecords = () =>
    db.alimtalkSendLog
      .groupBy({ by: ['recordId'], where: { linkId: opts.linkId, status: { in: ACCEPTED } } })
      .then((r) => r.length);
  const deadline = Date.now() + opts.timeoutMs;
  let sent = await sentRecords();
  while (sent < records && Date.now() < deadline) {
    await sleep(250);
    sent = await sentRecords();
  }
  const allSentAfterS = sent >= records ? (performance.now() - opts.since) / 1000 : Number.NaN;
  // Let in-flight retries land before counting doubles.
  await sleep(1_000);
  const perRecord = await db.alimtalkSendLog.groupBy({
    by: ['recordId'],
    where: { linkId: opts.linkId, status: { in: ACCEPTED } },
    _count: true,
  });
  const doubledRecords = perRecord.filter((r) => r._count > 1).length;
  return {
    records,
    sent: perRecord.length,
    lost: records - perRecord.length,
    doubled: doubledRecords + doubledAtNhn(cluster),
    allSentAfterS,
  };
}

/** SendLog ids (NHN's recipientGroupingKey) that the fake accepted more than once. */
export function doubledAtNhn(cluster: Cluster): number {
  const accepted = new Map<string, number>();
  for (const m of cluster.fake.received()) {
    if (m.accepted && m.recipientGroupingKey)
      accepted.set(m.recipientGroupingKey, (accepted.get(m.recipientGroupingKey) ?? 0) + 1);
  }
  return [...accepted.values()].filter((n) => n > 1).length;
}
