// One page of NHN delivery results applied in one statement (was three per result: Prisma wraps each updateMany in
// BEGIN/COMMIT). A poll over thousands of accepted sends landed in the bench's statement counts as ~3 statements per
// record delivered, depending on where the minute fell (9.61 per record in a full run against 7.02 in a quick one).
import { deliveryOutcome, receivedAt, type DeliveryResult } from '@alimflow/alimtalk';
import { fallbackResult } from '@alimflow/automation-core';
import type { AppDeps } from '../deps.ts';

export interface DeliveryTally {
  delivered: number;
  failed: number;
  fallbackSent: number;
  fallbackFailed: number;
}

/** Per message of the page: its first final result, and its first ended fallback — what applying them in order did. */
function perMessage(page: DeliveryResult[], now: Date) {
  const byKey = new Map<string, { requestId: string; recipientSeq: number; final?: { status: 'delivered' | 'failed'; r: DeliveryResult }; fallback?: { status: 'sent' | 'failed'; code: string | null } }>();
  for (const r of page) {
    const key = `${r.requestId}:${r.recipientSeq}`;
    const entry = byKey.get(key) ?? { requestId: r.requestId, recipientSeq: r.recipientSeq };
    const final = deliveryOutcome(r);
    if (final && !entry.final) entry.final = { status: final, r };
    const fb = fallbackResult(r.resendStatus);
    if ((fb === 'sent' || fb === 'failed') && !entry.fallback) entry.fallback = { status: fb, code: r.resendResultCode ?? null };
    if (entry.final || entry.fallback) byKey.set(key, entry);
  }
  const rows = [...byKey.values()];
  const col = <T>(f: (e: (typeof rows)[number]) => T) => rows.map(f);
  return {
    size: rows.length,
    requestIds: col((e) => e.requestId),
    seqs: col((e) => e.recipientSeq),
    statuses: col((e) => e.final?.status ?? null),
    deliveryStatuses: col((e) => e.final?.r.messageStatus ?? null),
    deliveryCodes: col((e) => e.final?.r.resultCode ?? null),
    messages: col((e) => (e.final?.status === 'failed' ? (e.final.r.resultCodeName ?? `Delivery failed (${e.final.r.resultCode ?? e.final.r.messageStatus})`) : null)),
    deliveredAts: col((e) => (e.final ? (receivedAt(e.final.r) ?? now) : null)),
    fallbackStatuses: col((e) => e.fallback?.status ?? null),
    fallbackCodes: col((e) => e.fallback?.code ?? null),
  };
}

/**
 * Moves each accepted SendLog of the page to delivered / failed (a repeated or non-final result changes nothing),
 * and records an ended SMS/LMS fallback once, on a row NHN was asked to fall back for — also when the fallback's end
 * comes in a later result than the KakaoTalk failure (RSC02/RSC03 say nothing yet).
 */
export async function applyDeliveryPage(deps: AppDeps, orgId: string, page: DeliveryResult[], now: Date, total: DeliveryTally): Promise<void> {
  const m = perMessage(page, now);
  if (!m.size) return;
  const applied = await deps.db.$queryRaw<{ status: string | null; fallback: string | null }[]>`
    WITH u AS (
      SELECT * FROM unnest(${m.requestIds}::text[], ${m.seqs}::int[], ${m.statuses}::text[], ${m.deliveryStatuses}::text[], ${m.deliveryCodes}::text[],
                           ${m.messages}::text[], ${m.deliveredAts}::timestamptz[], ${m.fallbackStatuses}::text[], ${m.fallbackCodes}::text[])
        AS u(request_id, recipient_seq, status, delivery_status, delivery_code, message, delivered_at, fallback_status, fallback_code)),
    t AS (
      SELECT l.id, u.*, (u.status IS NOT NULL AND l.status = 'accepted') AS set_status,
             (u.fallback_status IS NOT NULL AND l."fallbackType" IS NOT NULL AND l."fallbackStatus" IS NULL) AS set_fallback
        FROM "AlimtalkSendLog" l JOIN u ON l."requestId" = u.request_id AND l."recipientSeq" = u.recipient_seq
       WHERE l."orgId" = ${orgId}::uuid
       FOR UPDATE OF l)
    UPDATE "AlimtalkSendLog" l
       SET status = CASE WHEN t.set_status THEN t.status::"SendStatus" ELSE l.status END,
           "deliveryStatus" = CASE WHEN t.set_status THEN t.delivery_status ELSE l."deliveryStatus" END,
           "deliveryCode" = CASE WHEN t.set_status THEN t.delivery_code ELSE l."deliveryCode" END,
           reason = CASE WHEN t.set_status AND t.status = 'failed' THEN 'delivery_failed' ELSE l.reason END,
           "resultMessage" = CASE WHEN t.set_status AND t.status = 'failed' THEN t.message ELSE l."resultMessage" END,
           "deliveredAt" = CASE WHEN t.set_status THEN t.delivered_at ELSE l."deliveredAt" END,
           "fallbackStatus" = CASE WHEN t.set_fallback THEN t.fallback_status ELSE l."fallbackStatus" END,
           "fallbackResultCode" = CASE WHEN t.set_fallback THEN t.fallback_code ELSE l."fallbackResultCode" END,
           "updatedAt" = ${now}
      FROM t
     WHERE l.id = t.id AND (t.set_status OR t.set_fallback)
    RETURNING CASE WHEN t.set_status THEN t.status END AS status, CASE WHEN t.set_fallback THEN t.fallback_status END AS fallback`;
  for (const a of applied) {
    if (a.status === 'delivered') total.delivered += 1;
    else if (a.status === 'failed') total.failed += 1;
    if (a.fallback === 'sent') total.fallbackSent += 1;
    else if (a.fallback === 'failed') total.fallbackFailed += 1;
  }
}
