// Task `alimtalk.send`: claims a pending SendLog (and other fresh pending logs for the same template, so a burst
// goes out in NHN's 1,000-recipient calls), calls the provider, and records what NHN said.
//
// Exactly once: a claim (claimedUntil) marks rows whose NHN call is in flight. A row that was claimed before and
// is still pending may have reached NHN before its worker died, so it is first looked up at NHN by its
// recipientGroupingKey (= the SendLog id) and only resent when NHN has never seen it.
import { createHash } from 'node:crypto';
import { isProviderError, type AlimtalkProvider } from '@alimflow/alimtalk';
import { withPoolTransaction, type AlimtalkSendLog } from '@alimflow/db';
import { isDatabaseUnavailable } from '../db-errors.ts';
import type { AppDeps } from '../deps.ts';
import { recordFallbackAsked, resendParameterFor } from './fallback.ts';
import { enqueueSend, type RawTx, type SendGroup } from './jobs.ts';
import { releaseClaimsOnFailure } from './send-claims.ts';
import { markAccepted, readBatchLinks, type BatchLinks } from './send-accepted.ts';
import { holdOutsideWindow } from './send-window-recheck.ts';

export const MAX_SEND_ATTEMPTS = 6;
export const CLAIM_MS = 2 * 60_000;
/** Recipients per NHN call. */
export const SEND_BATCH_LIMIT = 1000;
const BATCH_LIMIT = SEND_BATCH_LIMIT;

export interface SendJobResult {
  claimed: number;
  accepted: number;
  failed: number;
  retrying: number;
  reconciled: number;
  /** Rows the send window closed on after they were decided: held again until the opening, not sent. */
  held: number;
}

const empty = (): SendJobResult => ({ claimed: 0, accepted: 0, failed: 0, retrying: 0, reconciled: 0, held: 0 });

export function retryDelayMs(baseMs: number, attempts: number): number {
  return Math.min(10 * 60_000, baseMs * 3 ** Math.max(0, attempts - 1));
}

/** What a send job works on: one row (its batch mates come along), or every fresh row of a group. */
export type SendTarget = { sendLogId: string } | { group: SendGroup };

async function claimRows(tx: RawTx, rows: AlimtalkSendLog[], now: Date): Promise<AlimtalkSendLog[]> {
  if (!rows.length) return [];
  await tx.$executeRaw`UPDATE "AlimtalkSendLog" SET "claimedUntil" = ${new Date(now.getTime() + CLAIM_MS)}, attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id = ANY(${rows.map((l) => l.id)}::uuid[])`;
  return rows.map((l) => ({ ...l, attempts: l.attempts + 1 }));
}

// Batch mates: fresh rows only (attempts = 0), so a row waiting out a retry back-off is not sent early, and none
// the send window still holds (notBefore ahead).
function freshRowsOf(tx: RawTx, group: SendGroup, limit: number, except: string | null, now: Date) {
  return tx.$queryRaw<AlimtalkSendLog[]>`
    SELECT * FROM "AlimtalkSendLog"
     WHERE "orgId" = ${group.orgId}::uuid AND "templateCode" = ${group.templateCode}
       AND "senderKey" IS NOT DISTINCT FROM ${group.senderKey} AND status = 'pending' AND attempts = 0
       AND "claimedUntil" IS NULL AND id IS DISTINCT FROM ${except}::uuid
       AND ("notBefore" IS NULL OR "notBefore" <= ${now})
     ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
}

type Claimed = { rows: AlimtalkSendLog[]; held: number };
const CLAIM_TX = { timeoutMs: 20_000 };

async function claimBatch(deps: AppDeps, target: SendTarget, now: Date, jobId: string | undefined): Promise<Claimed> {
  // On a pool transaction: a full batch's 1,000 rows came back through Prisma's row deserialiser otherwise.
  return withPoolTransaction(deps.db, async (tx) => {
    if ('group' in target) {
      const { go, held } = await holdOutsideWindow(tx, await freshRowsOf(tx, target.group, BATCH_LIMIT, null, now), now, null);
      const rows = await claimRows(tx, go, now);
      // The job now names its batch's first row, as a row's own job does: if this worker dies, recovery releases
      // the batch through it (releaseDeadSendClaims) and the returned job resends that batch, not the group.
      if (rows.length && jobId)
        await tx.$executeRaw`UPDATE graphile_worker._private_jobs SET payload = json_build_object('sendLogId', ${rows[0]!.id}::text, 'group', payload->'group')
          WHERE id = ${jobId}::bigint`;
      return { rows, held };
    }
    const primary = await tx.$queryRaw<AlimtalkSendLog[]>`
      SELECT * FROM "AlimtalkSendLog" WHERE id = ${target.sendLogId}::uuid FOR UPDATE SKIP LOCKED`;
    const log = primary[0];
    // Locked or claimed by another worker's batch, or already decided: nothing for this job to do.
    if (!log || log.status !== 'pending' || (log.claimedUntil && log.claimedUntil > now)) return { rows: [], held: 0 };
    // Held by the send window: its job at the opening sends it (enqueueSendAt / the group's job at that time).
    if (log.notBefore && log.notBefore > now) return { rows: [], held: 0 };
    const mates = await freshRowsOf(tx, { orgId: log.orgId, templateCode: log.templateCode, senderKey: log.senderKey }, BATCH_LIMIT - 1, log.id, now);
    const { go, held } = await holdOutsideWindow(tx, [log, ...mates], now, log.id);
    return { rows: await claimRows(tx, go, now), held };
  }, CLAIM_TX);
}

/** A group job drains its group: one NHN call per 1,000 rows until no fresh row is left. */
export async function processSendJob(deps: AppDeps, target: SendTarget, jobId?: string): Promise<SendJobResult> {
  const total = empty();
  for (;;) {
    const now = deps.now();
    const { rows: batch, held } = await claimBatch(deps, target, now, jobId);
    total.held += held;
    if (batch.length) {
      const result = await releaseClaimsOnFailure(deps, batch, () => sendClaimed(deps, batch, now));
      for (const k of Object.keys(total) as (keyof SendJobResult)[]) total[k] += result[k];
    }
    // A full batch (sent or held) may have more rows behind it.
    if (!('group' in target) || batch.length + held < BATCH_LIMIT) return total;
  }
}

/**
 * A claimed batch to NHN and what NHN said recorded. `known`: the batch's links as the caller read them a moment
 * ago (a send right after its evaluation), instead of reading them again.
 */
export async function sendClaimed(deps: AppDeps, batch: AlimtalkSendLog[], now: Date, known?: BatchLinks): Promise<SendJobResult> {
  const result = empty();
  result.claimed = batch.length;
  const orgId = batch[0]!.orgId;

  let provider: AlimtalkProvider;
  let fallbackSenderKey: string;
  try {
    const resolved = await deps.providerForOrg(orgId, known?.providerVersion ? { version: known.providerVersion } : undefined);
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

  // The rule's SMS/LMS fallback and repeat series as they are now: a rule edited while a send waited sends what the
  // admin last saved.
  const links = known ?? (await readBatchLinks(deps.db, orgId, batch.map((log) => log.linkId)));
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
      await markAccepted(deps, [{ log, r: found }], now, links.repeats);
      result.reconciled += 1;
      result.accepted += 1;
    } else toSend.push(log);
  }
  if (!toSend.length) return result;

  const senderKey = toSend[0]!.senderKey ?? fallbackSenderKey;
  const resend = toSend.map((log) => resendParameterFor(log.linkId ? links.fallbacks.get(log.linkId) : undefined, log));
  await recordFallbackAsked(deps.db, toSend, resend, now);
  try {
    const response = await provider.sendBatch({
      senderKey,
      templateCode: toSend[0]!.templateCode,
      recipients: toSend.map((log, i) => ({
        recipientNo: log.recipientNo,
        templateParameter: (log.templateParameter ?? {}) as Record<string, string>,
        recipientGroupingKey: log.id,
        renderedContent: log.content,
        resendParameter: resend[i]!,
      })),
      // Same rows, same key: a resend of an identical batch within 10 minutes is refused by NHN (-1005).
      idempotencyKey: createHash('sha256').update(toSend.map((l) => l.id).sort().join(',')).digest('hex').slice(0, 64),
    });
    const byKey = new Map(response.results.map((r) => [r.recipientGroupingKey, r]));
    const accepted = toSend.flatMap((log) => {
      const r = byKey.get(log.id);
      return r?.accepted ? [{ log, r }] : [];
    });
    await markAccepted(deps, accepted, now, links.repeats);
    result.accepted += accepted.length;
    for (const log of toSend) {
      const r = byKey.get(log.id);
      if (r?.accepted) continue;
      else if (!r || r.errorKind === 'transient' || r.errorKind === 'duplicate') {
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
