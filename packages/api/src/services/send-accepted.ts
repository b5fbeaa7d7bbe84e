// What a send batch needs to know of its links (the SMS/LMS fallback to ask NHN for, the repeat series to open) and
// the accepted-marking after NHN's answer. Both one statement per batch: the marking and the series it opens are one
// data-modifying statement, atomic without a transaction of their own.
import type { RecipientResult } from '@alimflow/alimtalk';
import { nextRunAt, type FallbackSetting, type RepeatConfig } from '@alimflow/automation-core';
import { onPool, type AlimtalkSendLog, type AlimtalkTemplateLink, type Db } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { linkFallback } from './fallback.ts';
import { storedRepeatConfig } from './links.ts';

/** The links of one batch: each one's fallback, and the series config of the live ones that repeat. */
export interface BatchLinks {
  fallbacks: Map<string, FallbackSetting>;
  repeats: Map<string, RepeatConfig>;
  /** The org's provider settings version as the caller read it (deliveryControls), when it did. */
  providerVersion?: string | undefined;
}

type LinkFacts = Pick<AlimtalkTemplateLink, 'id' | 'fallbackType' | 'fallbackSendNo' | 'fallbackTitle' | 'fallbackContent' | 'repeatConfig' | 'isActive' | 'deletedAt'>;

/** From link rows the caller has (a send right after its evaluation read them). */
export function batchLinksOf(links: LinkFacts[]): BatchLinks {
  const repeats = new Map<string, RepeatConfig>();
  for (const link of links) {
    const config = link.isActive && !link.deletedAt ? storedRepeatConfig(link.repeatConfig) : null;
    if (config) repeats.set(link.id, config);
  }
  return { fallbacks: new Map(links.map((l) => [l.id, linkFallback(l)])), repeats };
}

/** Read now, before the call: a rule edited while a send waited sends what the admin last saved (links of another org are never read). */
export async function readBatchLinks(db: Db, orgId: string, linkIds: (string | null)[]): Promise<BatchLinks> {
  const ids = [...new Set(linkIds.filter((id): id is string => id !== null))];
  if (!ids.length) return { fallbacks: new Map(), repeats: new Map() };
  const links = await onPool(db).$queryRaw<Parameters<typeof batchLinksOf>[0]>`
    SELECT id::text AS id, "fallbackType", "fallbackSendNo", "fallbackTitle", "fallbackContent", "repeatConfig", "isActive", "deletedAt"
      FROM "AlimtalkTemplateLink" WHERE "orgId" = ${orgId}::uuid AND id = ANY(${ids}::uuid[])`;
  return batchLinksOf(links);
}

export type Acceptance = { log: AlimtalkSendLog; r: Pick<RecipientResult, 'requestId' | 'recipientSeq' | 'resultCode' | 'resultMessage'> };

/**
 * One statement for every recipient NHN accepted in a call. FR-05: the first automatic send of a link with a repeat
 * config opens (or restarts) its reminder series, in the same statement, for the rows this marking moved (a row
 * marked already by another run opens nothing). The link's state is as read before the call; a link switched off
 * in between has its series cancelled by the next sweep (decideRepeat).
 */
export async function markAccepted(deps: AppDeps, accepted: Acceptance[], now: Date, repeats: Map<string, RepeatConfig>) {
  if (!accepted.length) return;
  const col = <T>(f: (a: Acceptance) => T) => accepted.map(f);
  const series = [...new Set(accepted.flatMap((a) => (a.log.linkId && repeats.has(a.log.linkId) ? [a.log.linkId] : [])))];
  const next = series.map((linkId) => nextRunAt(now, repeats.get(linkId)!).toISOString());
  // createdAt marks the start of the series; repeat dedupe keys include it, so a restarted series gets fresh keys.
  await onPool(deps.db).$executeRaw`
    WITH marked AS (
      UPDATE "AlimtalkSendLog" l
         SET status = 'accepted', "requestId" = a.request_id, "recipientSeq" = a.recipient_seq, "resultCode" = a.result_code,
             "resultMessage" = a.result_message, reason = NULL, "sentAt" = ${now}, "claimedUntil" = NULL, "updatedAt" = ${now}
        FROM unnest(${col((a) => a.log.id)}::uuid[], ${col((a) => a.r.requestId)}::text[], ${col((a) => a.r.recipientSeq)}::int[],
                    ${col((a) => a.r.resultCode)}::text[], ${col((a) => a.r.resultMessage)}::text[])
             AS a(id, request_id, recipient_seq, result_code, result_message)
       -- By primary key, whatever the planner believes: on a log grown since its last ANALYZE it took the status
       -- index and walked every pending row per call (the burst's thousands). The cast keeps that index out.
       WHERE l.id = a.id AND l.id = ANY(${col((a) => a.log.id)}::uuid[]) AND l.status::text = 'pending'
      RETURNING l."orgId", l."linkId", l."recordId", l."triggerType"),
    opening AS (
      -- One row per (link, record): a statement may not upsert the same row twice.
      SELECT DISTINCT ON (m."linkId", m."recordId") m."orgId", m."linkId", m."recordId", s.next_run_at
        FROM marked m JOIN unnest(${series}::uuid[], ${next}::timestamptz[]) AS s(link_id, next_run_at) ON s.link_id = m."linkId"
       WHERE m."triggerType" = 'auto' AND m."recordId" IS NOT NULL)
    INSERT INTO "AlimtalkAutomationQueue" (id, "orgId", "linkId", "recordId", "repeatCount", "nextRunAt", status, "endReason", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), o."orgId", o."linkId", o."recordId", 0, o.next_run_at, 'pending', NULL, ${now}, ${now} FROM opening o
    ON CONFLICT ("linkId", "recordId") DO UPDATE
       SET "repeatCount" = 0, "nextRunAt" = EXCLUDED."nextRunAt", status = 'pending', "endReason" = NULL,
           "createdAt" = EXCLUDED."createdAt", "updatedAt" = EXCLUDED."updatedAt"`;
}
