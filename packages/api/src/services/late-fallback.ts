// A fallback whose end NHN reports after the KakaoTalk failure (RSC02/RSC03 at first). The minute poll reads
// status changes only for orgs that still have accepted sends, within a day, so a text message that went out
// later would never reach the log: these rows are asked for by their NHN request instead, a bounded number a pass.
import type { DeliveryResult } from '@alimflow/alimtalk';
import { FALLBACK_RESULT_HORIZON_MS } from '@alimflow/automation-core';
import type { AppDeps } from '../deps.ts';
import { applyDeliveryPage } from './delivery-apply.ts';
import type { DeliveryPollResult } from './delivery.ts';

/** How long after the send a fallback's end is still asked for. */
export const LATE_FALLBACK_HORIZON_MS = FALLBACK_RESULT_HORIZON_MS;
/** NHN requests looked up per pass: one call each, carrying every recipient of that request (up to 1,000). */
export const LATE_FALLBACK_REQUESTS_PER_PASS = 20;

type Pending = { orgId: string; requestId: string };

/**
 * Failed sends that asked for a fallback whose end is not known yet, sent at most 3 days ago, grouped by NHN
 * request, least recently asked first (each pass touches the rows it asked about, so none waits behind others).
 */
export async function pollLateFallbacks(
  deps: AppDeps,
  total: DeliveryPollResult,
  { limit = LATE_FALLBACK_REQUESTS_PER_PASS }: { limit?: number } = {},
): Promise<void> {
  const now = deps.now();
  // The (status, sentAt) index narrows this to the last 3 days' failures.
  const pending = await deps.db.$queryRaw<Pending[]>`
    SELECT "orgId"::text AS "orgId", "requestId" FROM "AlimtalkSendLog"
     WHERE status = 'failed' AND "sentAt" >= ${new Date(now.getTime() - LATE_FALLBACK_HORIZON_MS)}
       AND "fallbackType" IS NOT NULL AND "fallbackStatus" IS NULL AND "requestId" IS NOT NULL
     GROUP BY "orgId", "requestId" ORDER BY min("updatedAt") LIMIT ${limit}`;
  for (const { orgId, requestId } of pending) {
    try {
      const { provider } = await deps.providerForOrg(orgId);
      total.lateFallbackLookups += 1;
      await applyFallbacks(deps, orgId, await provider.findMessages({ requestId }), now, total);
    } catch (error) {
      total.errors += 1;
      deps.logger.warn({ err: error, orgId }, 'late fallback lookup failed; will try again next minute');
    }
  }
  if (pending.length) {
    await deps.db.alimtalkSendLog.updateMany({
      where: { OR: pending.map((p) => ({ orgId: p.orgId, requestId: p.requestId })), fallbackType: { not: null }, fallbackStatus: null },
      data: { updatedAt: now },
    });
  }
}

/** What a late lookup reads of a message: its fallback's end (RSC04 sent, RSC05 failed; anything else says nothing yet). */
export type FallbackReport = Pick<DeliveryResult, 'requestId' | 'recipientSeq' | 'resendStatus' | 'resendResultCode'>;

/**
 * KakaoTalk failures NHN answered with a text message: recorded once, on rows NHN was asked to fall back for, by the
 * delivery page's own statement (delivery-apply.ts), so the rule for "a fallback ended" is written once. Only the
 * fallback is applied: the KakaoTalk result is the minute poll's, which reads it with its receive date.
 */
export function applyFallbacks(deps: AppDeps, orgId: string, reports: FallbackReport[], now: Date, total: DeliveryPollResult): Promise<void> {
  // READY is NHN's "not final yet": the page statement then leaves the KakaoTalk status alone.
  const fallbackOnly = reports.map((r): DeliveryResult => ({ ...r, messageStatus: 'READY', resultCode: null }));
  return applyDeliveryPage(deps, orgId, fallbackOnly, now, total);
}
