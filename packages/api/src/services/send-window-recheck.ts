// The send window asked again at send time. decideSends holds a send decided outside the window, but a send decided
// inside it can still reach the send job after the window closed: a queue backlog, or a retry after a transient NHN
// failure. Such a row is held again until the next opening (reason send_window, as decideSends writes it) instead of
// going out — with the same core decision (windowWait), read from the org's and the rule's settings as they are now.
import { isCappedTrigger } from '@alimflow/automation-core';
import type { AlimtalkSendLog } from '@alimflow/db';
import { orgControls, windowWait } from './delivery-controls.ts';
import { enqueueSendAt, enqueueSendGroups, type RawTx } from './jobs.ts';

export interface WindowRecheck {
  /** The rows that may go out now. */
  go: AlimtalkSendLog[];
  /** How many were held until their opening. */
  held: number;
}

/**
 * Splits claimable rows into those inside their window and those it closed on, and holds the latter: one UPDATE,
 * and the jobs at the opening — the row's own job for `ownJobOf` (a row that may have been tried already keeps its
 * reconciling attempt), one group job per opening for the fresh batch mates. Reads nothing for manual/test rows.
 */
export async function holdOutsideWindow(tx: RawTx, rows: AlimtalkSendLog[], now: Date, ownJobOf: string | null): Promise<WindowRecheck> {
  const controlled = rows.filter((r) => isCappedTrigger(r.triggerType));
  if (!controlled.length) return { go: rows, held: 0 };
  const linkIds = [...new Set(controlled.flatMap((r) => (r.linkId ? [r.linkId] : [])))];
  const links = await tx.$queryRaw<{ id: string; sendWindow: unknown }[]>`
    SELECT id::text AS id, "sendWindow" FROM "AlimtalkTemplateLink" WHERE id = ANY(${linkIds}::uuid[])`;
  const ruleWindows = new Map(links.map((l) => [l.id, l.sendWindow]));
  const controls = await orgControls(tx, [...new Set(controlled.map((r) => r.orgId))], now.getTime());

  const go: AlimtalkSendLog[] = [];
  const held: { log: AlimtalkSendLog; until: Date; message: string }[] = [];
  for (const log of rows) {
    const link = { sendWindow: log.linkId ? (ruleWindows.get(log.linkId) ?? null) : null };
    const wait = windowWait(controls, { orgId: log.orgId, triggerType: log.triggerType, now, link });
    if (wait) held.push({ log, ...wait });
    else go.push(log);
  }
  if (!held.length) return { go, held: 0 };

  const col = <T>(f: (h: (typeof held)[number]) => T) => held.map(f);
  await tx.$executeRaw`
    UPDATE "AlimtalkSendLog" l
       SET "notBefore" = h.until, reason = 'send_window', "resultMessage" = h.message, "updatedAt" = ${now}
      FROM unnest(${col((h) => h.log.id)}::uuid[], ${col((h) => h.until.toISOString())}::timestamptz[], ${col((h) => h.message)}::text[])
           AS h(id, until, message)
     WHERE l.id = h.id AND l.status = 'pending'`;
  const own = held.find((h) => h.log.id === ownJobOf);
  if (own) await enqueueSendAt(tx, own.log.id, own.until);
  const mates = held.filter((h) => h !== own);
  await enqueueSendGroups(
    tx,
    mates.map((h) => ({ orgId: h.log.orgId, templateCode: h.log.templateCode, senderKey: h.log.senderKey, notBefore: h.until })),
  );
  return { go, held: held.length };
}
