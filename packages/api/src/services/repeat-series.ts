// Ending a repeat series (AlimtalkAutomationQueue entry): the one place that sets its final status and end reason
// and writes the AutomationEvent that says why. Used by the sweep, record updates and deletes, link changes and
// cancelling by hand; which reason applies is automation-core's (decideRepeat, END_REASONS).
import type { EndReason } from '@alimflow/automation-core';
import { Prisma } from '@alimflow/db';
import { conflict, notFound, NOUN, words } from '../errors.ts';
import { insertAutomationEvents } from './bulk-insert.ts';
import type { RawTx, Tx } from './jobs.ts';

export interface EndedEntry {
  id: string;
  orgId: string;
  linkId: string;
  recordId: string;
  repeatCount: number;
}

/** Which pending series to end: one entry, some (a sweep's), or every pending one of a link or of a record. */
export type SeriesSelector = { orgId: string } & ({ id: string } | { ids: string[] } | { linkId: string } | { recordId: string });

export interface EndSeriesArgs {
  status: 'completed' | 'cancelled';
  reason: EndReason;
  now: Date;
  /** The event's detail per ended entry (a trace, who cancelled it…); none = SQL NULL. */
  detail?: (entry: EndedEntry) => unknown;
}

function selectorSql(selector: SeriesSelector): Prisma.Sql {
  if ('id' in selector) return Prisma.sql`id = ${selector.id}::uuid`;
  if ('ids' in selector) return Prisma.sql`id = ANY(${selector.ids}::uuid[])`;
  if ('linkId' in selector) return Prisma.sql`"linkId" = ${selector.linkId}::uuid`;
  return Prisma.sql`"recordId" = ${selector.recordId}::uuid`;
}

/**
 * Ends the selected pending entries in the caller's transaction and records why. UPDATE … RETURNING reports exactly
 * the rows this statement ended: an entry another transaction (the sweep, a second click) holds is waited for and
 * left alone if it ended meanwhile, so no series gets two endings.
 */
export async function endSeries(tx: RawTx, selector: SeriesSelector, args: EndSeriesArgs): Promise<EndedEntry[]> {
  const ended = await tx.$queryRaw<EndedEntry[]>`
    UPDATE "AlimtalkAutomationQueue"
       SET status = ${args.status}::"QueueStatus", "endReason" = ${args.reason}, "updatedAt" = ${args.now}
     WHERE "orgId" = ${selector.orgId}::uuid AND ${selectorSql(selector)} AND status = 'pending'
    RETURNING id::text AS id, "orgId"::text AS "orgId", "linkId"::text AS "linkId", "recordId"::text AS "recordId", "repeatCount"`;
  await insertAutomationEvents(
    tx,
    ended.map((entry) => ({
      orgId: entry.orgId,
      linkId: entry.linkId,
      recordId: entry.recordId,
      event: 'repeat',
      decision: args.status,
      reason: args.reason,
      detail: args.detail?.(entry) ?? null,
      createdAt: args.now,
    })),
  );
  return ended;
}

/** Members may stop a reminder too: whoever talked to the customer knows it is no longer needed. */
export async function cancelSeriesByUser(tx: Tx, args: { orgId: string; id: string; userId: string; now: Date }) {
  const [ended] = await endSeries(tx, { orgId: args.orgId, id: args.id }, {
    status: 'cancelled',
    reason: 'cancelled_by_user',
    now: args.now,
    detail: (entry) => ({ queueId: entry.id, byUserId: args.userId, repeatCount: entry.repeatCount }),
  });
  if (ended) return { id: ended.id, status: 'cancelled' as const, endReason: 'cancelled_by_user' as const, updatedAt: args.now };
  const entry = await tx.alimtalkAutomationQueue.findFirst({ where: { id: args.id, orgId: args.orgId } });
  if (!entry) throw notFound(NOUN.repeat);
  // The status and end reason stay codes in both languages: the repeats screen shows the same codes as badges.
  const why = `${entry.status}${entry.endReason ? `: ${entry.endReason}` : ''}`;
  throw conflict(words(`이미 끝난 반복 발송입니다(${why}). 취소할 것이 없습니다.`, `This repeat already ended (${why}); there is nothing to cancel.`));
}
