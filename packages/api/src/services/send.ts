// Task `alimtalk.send`: claims a pending SendLog (and other fresh pending logs for the same template, so a burst
// goes out in NHN's 1,000-recipient calls), calls the provider, and records what NHN said.
//
// Exactly once: a claim (claimedUntil) marks rows whose NHN call is in flight. A row that was claimed before and
// is still pending may have reached NHN before its worker died, so it is first looked up at NHN by its
// recipientGroupingKey (= the SendLog id) and only resent when NHN has never seen it.
import { createHash } from 'node:crypto';
import { isProviderError, type AlimtalkProvider, type RecipientResult } from '@alimflow/alimtalk';
import { nextRunAt } from '@alimflow/automation-core';
import type { AlimtalkSendLog, Prisma } from '@alimflow/db';
import { isDatabaseUnavailable } from '../db-errors.ts';
import type { AppDeps } from '../deps.ts';
import { enqueueSend } from './jobs.ts';
import { releaseClaimsOnFailure } from './send-claims.ts';
import { linkRepeatConfig } from './links.ts';

export const MAX_SEND_ATTEMPTS = 6;
const CLAIM_MS = 2 * 60_000;
const BATCH_LIMIT = 1000;

export interface SendJobResult {
  claimed: number;
  accepted: number;
  failed: number;
  retrying: number;
  reconciled: number;
}

const empty = (): SendJobResult => ({ claimed: 0, accepted: 0, failed: 0, retrying: 0, reconciled: 0 });

export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(10 * 60_000, baseMs * 3 ** Math.max(0, attempts - 1));
}

async function claimBatch(deps: AppDeps, sendLogId: string, now: Date): Promise<AlimtalkSendLog[]> {
  const claimUntil = new Date(now.getTime() + CLAIM_MS);
  return deps.db.$transaction(async (tx) => {
    const primary = await tx.$queryRaw<AlimtalkSendLog[]>`
      SELECT * FROM "AlimtalkSendLog" WHERE id = ${sendLogId}::uuid FOR UPDATE SKIP LOCKED`;
    const log = primary[0];
    // Locked or claimed by another worker's batch, or already decided: nothing for this job to do.
    if (!log || log.status !== 'pending' || (log.claimedUntil && log.claimedUntil > now)) return [];
    // Batch mates: fresh rows only (attempts = 0), so a row waiting out a retry back-off is not sent early.
    const mates = await tx.$queryRaw<AlimtalkSendLog[]>`
      SELECT * FROM "AlimtalkSendLog"
       WHERE "orgId" = ${log.orgId}::uuid AND "templateCode" = ${log.templateCode}
         AND "senderKey" IS NOT DISTINCT FROM ${log.senderKey} AND status = 'pending' AND attempts = 0
         AND "claimedUntil" IS NULL AND id <> ${log.id}::uuid
       ORDER BY "createdAt" LIMIT ${BATCH_LIMIT - 1} FOR UPDATE SKIP LOCKED`;
    const batch = [log, ...mates];
    await tx.alimtalkSendLog.updateMany({
      where: { id: { in: batch.map((l) => l.id) } },
      data: { claimedUntil: claimUntil, attempts: { increment: 1 }, updatedAt: now },
    });
    return batch.map((l) => ({ ...l, attempts: l.attempts + 1 }));
  });
}

export async function processSendJob(deps: AppDeps, sendLogId: string): Promise<SendJobResult> {
  const now = deps.now();
  const batch = await claimBatch(deps, sendLogId, now);
  if (!batch.length) return empty();
  return releaseClaimsOnFailure(deps, batch, () => sendClaimed(deps, batch, now));
}

async function sendClaimed(deps: AppDeps, batch: AlimtalkSendLog[], now: Date): Promise<SendJobResult> {
  const result = empty();
  result.claimed = batch.length;
  const orgId = batch[0]!.orgId;

  let provider: AlimtalkProvider;
  let fallbackSenderKey: string;
  try {
    const resolved = await deps.providerForOrg(orgId);
    provider = resolved.provider;
    fallbackSenderKey = resolved.senderKey;
  } catch (error) {
    // The settings could not be read: not a credentials problem, try again (see releaseClaimsOnFailure).
    if (isDatabaseUnavailable(error)) throw error;
    // Missing or broken credentials: no call can succeed until an admin fixes the settings.
    const message = error instanceof Error ? error.message : String(error);
    await finish(deps, batch, { status: 'failed', reason: 'provider_config', resultCode: 'CONFIG', resultMessage: message });
    result.failed = batch.length;
    return result;
  }

  // Rows claimed before may already be at NHN: look them up instead of sending twice.
  const toSend: AlimtalkSendLog[] = [];
  for (const log of batch) {
    if (log.attempts <= 1) {
      toSend.push(log);
      continue;
    }
    const found = await lookUpAtProvider(provider, log, now).catch(() => undefined);
    if (found === undefined) {
      // NHN could not be asked; do not guess — try again later.
      await scheduleRetry(deps, log, { code: 'RECONCILE', message: 'Could not confirm an earlier attempt with NHN.' }, now);
      result.retrying += 1;
    } else if (found) {
      await markAccepted(deps, log, found, now);
      result.reconciled += 1;
      result.accepted += 1;
    } else toSend.push(log);
  }
  if (!toSend.length) return result;

  const senderKey = toSend[0]!.senderKey ?? fallbackSenderKey;
  try {
    const response = await provider.sendBatch({
      senderKey,
      templateCode: toSend[0]!.templateCode,
      recipients: toSend.map((log) => ({
        recipientNo: log.recipientNo,
        templateParameter: (log.templateParameter ?? {}) as Record<string, string>,
        recipientGroupingKey: log.id,
        renderedContent: log.content,
      })),
      // Same rows, same key: a resend of an identical batch within 10 minutes is refused by NHN (-1005).
      idempotencyKey: createHash('sha256').update(toSend.map((l) => l.id).sort().join(',')).digest('hex').slice(0, 64),
    });
    const byKey = new Map(response.results.map((r) => [r.recipientGroupingKey, r]));
    for (const log of toSend) {
      const r = byKey.get(log.id);
      if (r?.accepted) {
        await markAccepted(deps, log, r, now);
        result.accepted += 1;
      } else if (!r || r.errorKind === 'transient' || r.errorKind === 'duplicate') {
        const outcome = await scheduleRetry(deps, log, { code: r?.resultCode ?? 'NO_RESULT', message: r?.resultMessage ?? 'NHN returned no result for this recipient.' }, now);
        if (outcome === 'failed') result.failed += 1;
        else result.retrying += 1;
      } else {
        await finish(deps, [log], { status: 'failed', reason: 'nhn_refused', resultCode: r.resultCode, resultMessage: r.resultMessage });
        result.failed += 1;
      }
    }
  } catch (error) {
    if (!isProviderError(error) || error.kind !== 'permanent') {
      // Transient (5xx, timeout, network) or duplicate (-1005: maybe accepted): back off; the next attempt
      // reconciles through the grouping key before it sends anything.
      const code = isProviderError(error) ? error.code : 'ERROR';
      const message = isProviderError(error) ? error.providerMessage : error instanceof Error ? error.message : String(error);
      deps.logger.warn({ code, logs: toSend.length }, 'NHN send failed; will retry');
      for (const log of toSend) {
        const outcome = await scheduleRetry(deps, log, { code, message }, now);
        if (outcome === 'failed') result.failed += 1;
        else result.retrying += 1;
      }
    } else {
      await finish(deps, toSend, { status: 'failed', reason: 'nhn_refused', resultCode: error.code, resultMessage: error.providerMessage });
      result.failed += toSend.length;
    }
  }
  return result;
}

/** true-ish: the message NHN has for this log; null: NHN has none; throws when NHN cannot be asked. */
async function lookUpAtProvider(provider: AlimtalkProvider, log: AlimtalkSendLog, now: Date) {
  const messages = await provider.findMessages({
    startRequestDate: new Date(log.createdAt.getTime() - 60_000),
    endRequestDate: new Date(now.getTime() + 60_000),
    recipientGroupingKey: log.id,
  });
  const m = messages.find((x) => x.recipientGroupingKey === log.id);
  return m ? { requestId: m.requestId, recipientSeq: m.recipientSeq, resultCode: '0', resultMessage: 'Accepted (confirmed with NHN after a retry)' } : null;
}

async function markAccepted(
  deps: AppDeps,
  log: AlimtalkSendLog,
  r: Pick<RecipientResult, 'requestId' | 'recipientSeq' | 'resultCode' | 'resultMessage'>,
  now: Date,
) {
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.alimtalkSendLog.updateMany({
      where: { id: log.id, status: 'pending' },
      data: {
        status: 'accepted',
        requestId: r.requestId,
        recipientSeq: r.recipientSeq,
        resultCode: r.resultCode,
        resultMessage: r.resultMessage,
        reason: null,
        sentAt: now,
        claimedUntil: null,
        updatedAt: now,
      },
    });
    if (count && log.triggerType === 'auto' && log.linkId && log.recordId) await startRepeatSeries(tx, log, now);
  });
}

/** FR-05: the first automatic send of a link with repeatConfig opens (or restarts) its reminder series. */
async function startRepeatSeries(tx: Prisma.TransactionClient, log: AlimtalkSendLog, sentAt: Date) {
  const link = await tx.alimtalkTemplateLink.findUnique({ where: { id: log.linkId! } });
  const config = link && !link.deletedAt && link.isActive ? linkRepeatConfig(link) : null;
  if (!config) return;
  const next = nextRunAt(sentAt, config);
  await tx.alimtalkAutomationQueue.upsert({
    where: { linkId_recordId: { linkId: log.linkId!, recordId: log.recordId! } },
    create: { orgId: log.orgId, linkId: log.linkId!, recordId: log.recordId!, repeatCount: 0, nextRunAt: next, status: 'pending', createdAt: sentAt, updatedAt: sentAt },
    // createdAt marks the start of the series; repeat dedupe keys include it, so a restarted series gets fresh keys.
    update: { repeatCount: 0, nextRunAt: next, status: 'pending', endReason: null, createdAt: sentAt, updatedAt: sentAt },
  });
}

type Final = { status: 'failed'; reason: string; resultCode: string; resultMessage: string };

/** One statement for the whole batch: a refused 1,000-recipient call is one UPDATE, not a thousand. */
async function finish(deps: AppDeps, logs: AlimtalkSendLog[], outcome: Final) {
  await deps.db.alimtalkSendLog.updateMany({
    where: { id: { in: logs.map((l) => l.id) }, status: 'pending' },
    data: { ...outcome, claimedUntil: null, updatedAt: deps.now() },
  });
}

async function scheduleRetry(
  deps: AppDeps,
  log: AlimtalkSendLog,
  error: { code: string; message: string },
  now: Date,
): Promise<'retrying' | 'failed'> {
  if (log.attempts >= MAX_SEND_ATTEMPTS) {
    await finish(deps, [log], {
      status: 'failed',
      reason: 'nhn_unavailable',
      resultCode: error.code,
      resultMessage: `Gave up after ${log.attempts} attempts: ${error.message}`,
    });
    return 'failed';
  }
  const delay = retryDelayMs(deps.sendRetryBaseMs, log.attempts);
  await deps.db.$transaction(async (tx) => {
    await tx.alimtalkSendLog.updateMany({
      where: { id: log.id, status: 'pending' },
      data: { claimedUntil: null, resultCode: error.code, resultMessage: `Attempt ${log.attempts} failed: ${error.message}`, updatedAt: now },
    });
    await enqueueSend(tx, log.id, delay);
  });
  return 'retrying';
}
