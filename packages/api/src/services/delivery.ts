// Acceptance is not delivery: task `alimtalk.poll-delivery` asks NHN's message-results for status changes and
// moves accepted SendLogs to delivered / failed with the delivery code, then asks for fallbacks reported late.
import type { AppDeps } from '../deps.ts';
import { applyDeliveryPage } from './delivery-apply.ts';
import { enqueueSend } from './jobs.ts';
import { pollLateFallbacks } from './late-fallback.ts';

/** How far back accepted messages are still polled; NHN keeps results 90 days, but a day covers every retry. */
const POLL_HORIZON_MS = 24 * 60 * 60_000;

export interface DeliveryPollResult {
  orgs: number;
  /** Result pages read from providers (bounded per org by the client's page cap). */
  pages: number;
  delivered: number;
  failed: number;
  /** Sends whose SMS/LMS fallback went out, or failed. */
  fallbackSent: number;
  fallbackFailed: number;
  /** NHN requests looked up for a fallback whose end came in late (late-fallback.ts). */
  lateFallbackLookups: number;
  errors: number;
}

export async function pollDeliveryResults(deps: AppDeps): Promise<DeliveryPollResult> {
  const now = deps.now();
  const horizon = new Date(now.getTime() - POLL_HORIZON_MS);
  const total: DeliveryPollResult = { orgs: 0, pages: 0, delivered: 0, failed: 0, fallbackSent: 0, fallbackFailed: 0, lateFallbackLookups: 0, errors: 0 };
  const orgs = await deps.db.alimtalkSendLog.groupBy({
    by: ['orgId'],
    where: { status: 'accepted', sentAt: { gte: horizon } },
    _min: { sentAt: true },
  });
  for (const { orgId, _min } of orgs) {
    total.orgs += 1;
    try {
      const { provider } = await deps.providerForOrg(orgId);
      const start = new Date(Math.max(horizon.getTime(), (_min.sentAt ?? now).getTime() - 60_000));
      const window = { startUpdateDate: start, endUpdateDate: new Date(now.getTime() + 60_000) };
      // One page in memory at a time; the provider client ends the list however the provider pages.
      for await (const page of provider.deliveryResultPages(window)) {
        total.pages += 1;
        await applyDeliveryPage(deps, orgId, page, now, total);
      }
    } catch (error) {
      total.errors += 1;
      deps.logger.warn({ err: error, orgId }, 'delivery status poll failed; will try again next minute');
    }
  }
  await pollLateFallbacks(deps, total);
  return total;
}

/**
 * Nothing lost: a pending SendLog whose worker died mid-call (claim expired), or whose job vanished, gets its send
 * job again. `preserve_run_at` keeps a row that is waiting out a retry back-off waiting. A row the send window holds
 * is not stranded until its opening is 5 minutes past (its job runs at the opening). A fresh row (no attempt yet)
 * whose group's send job still waits (and has attempts left) is not stranded either: that job drains it, and a row
 * of its own would make a backlog of more than 5 minutes go to NHN one row per call.
 */
export async function requeueStrandedSends(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const stale = new Date(now.getTime() - 5 * 60_000);
  const stranded = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT l.id FROM "AlimtalkSendLog" l
     WHERE l.status = 'pending' AND (l."notBefore" IS NULL OR l."notBefore" < ${stale})
       AND ((l."claimedUntil" IS NOT NULL AND l."claimedUntil" < ${now})
         OR (l."claimedUntil" IS NULL AND l."updatedAt" < ${stale}
             AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'send:' || l.id::text)
             AND NOT (l.attempts = 0 AND EXISTS (SELECT 1 FROM graphile_worker.jobs j
                   WHERE j.key = 'send-group:' || l."orgId"::text || ':' || l."templateCode" || ':' || coalesce(l."senderKey", '')
                     AND j.attempts < j.max_attempts))))
     LIMIT 1000`;
  for (const { id } of stranded) {
    await deps.db.$transaction(async (tx) => {
      await tx.alimtalkSendLog.updateMany({ where: { id, status: 'pending' }, data: { claimedUntil: null, updatedAt: now } });
      await enqueueSend(tx, id);
    });
  }
  if (stranded.length) deps.logger.warn({ count: stranded.length }, 're-enqueued stranded sends');
  return stranded.length;
}
