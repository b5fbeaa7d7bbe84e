// Retrying failed sends by hand (the send log's "다시 보내기"): each retry is a new SendLog, the failure stays in the
// history. Never when the person has, or may still get, the SMS/LMS fallback (core retryRefusal).
import { describeRetryRefusal, retryRefusal, type RetryRefusal } from '@alimflow/automation-core';
import type { AppDeps } from '../deps.ts';
import { notFound, precondition, NOUN } from '../errors.ts';
import type { Language } from '../security/language.ts';
import { enqueueSend } from './jobs.ts';

/** Up to 500 retries commit together (the router's cap): longer than Prisma's 5 s default on a busy worker. */
const RETRY_TX = { maxWait: 10_000, timeout: 30_000 };

/** A retry in one of these may still reach, or has reached, the person. */
const LIVE = new Set(['pending', 'accepted', 'delivered']);

export type RetryOutcome = 'queued' | 'not_found' | RetryRefusal;

/**
 * The chosen logs are locked FOR UPDATE before they are judged: a delivery poll (or the late-fallback pass) writing
 * a fallback's result at the same moment either commits first, and the retry sees it, or waits for the retry to
 * commit — a retry is never decided on a fallback state that is changing underneath it.
 */
export async function retryFailedSends(deps: AppDeps, input: { orgId: string; ids: string[]; language?: Language }) {
  const now = deps.now();
  const results = await deps.db.$transaction(async (tx) => {
    // One lock order for every caller (by id), so two overlapping retries queue rather than deadlock.
    await tx.$queryRaw`SELECT id FROM "AlimtalkSendLog" WHERE id = ANY(${input.ids}::uuid[]) AND "orgId" = ${input.orgId}::uuid ORDER BY id FOR UPDATE`;
    const logs = await tx.alimtalkSendLog.findMany({ where: { id: { in: input.ids }, orgId: input.orgId } });
    const byId = new Map(logs.map((l) => [l.id, l]));
    const out: Array<{ id: string; outcome: RetryOutcome; newSendLogId?: string }> = [];
    // Earlier retries of each, read under the lock: a second click waits for the first's commit and then sees it.
    const earlier = await tx.alimtalkSendLog.findMany({
      where: { orgId: input.orgId, OR: logs.map((l) => ({ dedupeKey: { startsWith: `retry:${l.id}:` } })) },
      select: { dedupeKey: true, status: true },
    });
    const retriesOf = (id: string) => earlier.filter((r) => r.dedupeKey?.startsWith(`retry:${id}:`));
    for (const id of input.ids) {
      const log = byId.get(id);
      const retries = log ? retriesOf(log.id) : [];
      const refusal = log ? retryRefusal({ ...log, liveRetry: retries.some((r) => LIVE.has(r.status)) }, now) : null;
      if (!log || refusal) {
        out.push({ id, outcome: refusal ?? 'not_found' });
        continue;
      }
      const previous = retries.length;
      const row = await tx.alimtalkSendLog.create({
        data: {
          orgId: log.orgId,
          linkId: log.linkId,
          recordId: log.recordId,
          templateCode: log.templateCode,
          senderKey: log.senderKey,
          recipientNo: log.recipientNo,
          content: log.content,
          templateParameter: log.templateParameter ?? {},
          triggerType: log.triggerType,
          status: 'pending',
          dedupeKey: `retry:${log.id}:${previous + 1}`,
          resultMessage: `Retry of ${log.id}`,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      });
      await enqueueSend(tx, row.id);
      out.push({ id, outcome: 'queued', newSendLogId: row.id });
    }
    return out;
  }, RETRY_TX);
  if (results.every((r) => r.outcome === 'not_found')) throw notFound(NOUN.sendLog);
  // Nothing could go out and the person has (or may still get) the message for some: say so rather than "nothing to retry".
  if (!results.some((r) => r.outcome === 'queued')) {
    const texted = (['already_retried', 'fallback_sent', 'fallback_pending'] as const).find((why) => results.some((r) => r.outcome === why));
    if (texted) throw precondition(describeRetryRefusal(texted, input.language ?? 'ko'));
  }
  return { queued: results.filter((r) => r.outcome === 'queued').length, results };
}
