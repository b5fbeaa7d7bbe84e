// The send-log explorer's reads: the filters as one Prisma `where`, a keyset page, one log with its events, and the
// per-KST-day counts the dashboard charts. Tenant-scoped: a filter on another org's link or record is NOT_FOUND.
import { formatPhone, kstDay, SEND_STATUSES, SEND_TRIGGER_TYPES, type SendStatus, type SendTriggerType } from '@alimflow/automation-core';
import { Prisma, type AlimtalkSendLog } from '@alimflow/db';
import { invalid, notFound, NOUN, words } from '../errors.ts';
import { fromBound, iso, toBound } from '../lib/dates.ts';
import { eventOutput } from '../lib/events.ts';
import { afterCursor, keysetOrder, toPage } from '../lib/pagination.ts';
import type { Scope } from './link-store.ts';
import { assertLinkVisible, assertRecordVisible } from './visibility.ts';

/** The filters sendLogs.list and sendLogs.export share, as their input schema parses them. */
export interface SendLogFilters {
  triggerType?: SendTriggerType | undefined;
  status?: SendStatus | undefined;
  linkId?: string | undefined;
  templateCode?: string | undefined;
  recordId?: string | undefined;
  /** Digits only; any part of the number. */
  recipient?: string | undefined;
  /** Inclusive. A bare YYYY-MM-DD is that KST day. */
  from?: string | undefined;
  /** Exclusive; a bare YYYY-MM-DD includes that whole KST day. */
  to?: string | undefined;
}

export async function sendLogWhere(scope: Scope, f: SendLogFilters): Promise<Prisma.AlimtalkSendLogWhereInput> {
  if (f.linkId) await assertLinkVisible(scope, f.linkId);
  if (f.recordId) {
    const recordId = f.recordId;
    await assertRecordVisible(scope, recordId, () =>
      scope.db.alimtalkSendLog.findFirst({ where: { orgId: scope.orgId, recordId }, select: { id: true } }),
    );
  }
  return {
    orgId: scope.orgId,
    ...(f.triggerType ? { triggerType: f.triggerType } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.linkId ? { linkId: f.linkId } : {}),
    ...(f.templateCode ? { templateCode: f.templateCode } : {}),
    ...(f.recordId ? { recordId: f.recordId } : {}),
    ...(f.recipient ? { recipientNo: { contains: f.recipient } } : {}),
    ...(f.from || f.to
      ? { createdAt: { ...(f.from ? { gte: fromBound(f.from) } : {}), ...(f.to ? { lt: toBound(f.to) } : {}) } }
      : {}),
  };
}

// ── output ────────────────────────────────────────────────────────────────────────────────────────────────────
export const sendLogInclude = { link: { select: { name: true, deletedAt: true } } } as const;

type Row = AlimtalkSendLog & { link: { name: string; deletedAt: Date | null } | null };

export function toSendLogOutput(row: Row) {
  return {
    id: row.id,
    linkId: row.linkId,
    linkName: row.link?.name ?? null,
    linkDeleted: row.link ? row.link.deletedAt !== null : row.linkId !== null,
    recordId: row.recordId,
    templateCode: row.templateCode,
    senderKey: row.senderKey,
    recipientNo: row.recipientNo,
    recipientDisplay: formatPhone(row.recipientNo),
    content: row.content,
    templateParameter: row.templateParameter,
    triggerType: row.triggerType,
    /** Set on sends made by enrolling records that already matched (기존 레코드 일괄 발송). */
    enrolmentId: row.enrolmentId,
    status: row.status,
    reason: row.reason,
    resultCode: row.resultCode,
    resultMessage: row.resultMessage,
    deliveryStatus: row.deliveryStatus,
    deliveryCode: row.deliveryCode,
    requestId: row.requestId,
    recipientSeq: row.recipientSeq,
    attempts: row.attempts,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    /** SMS/LMS fallback asked of NHN, and what became of it (null = none happened). */
    fallbackType: row.fallbackType,
    fallbackStatus: row.fallbackStatus === 'sent' || row.fallbackStatus === 'failed' ? row.fallbackStatus : null,
    fallbackResultCode: row.fallbackResultCode,
    /** Held by the send window until then (reason send_window while it waits). */
    notBefore: iso(row.notBefore),
  };
}

// ── reads ─────────────────────────────────────────────────────────────────────────────────────────────────────
export async function listSendLogs(scope: Scope, input: SendLogFilters & { cursor?: string | null | undefined; limit: number }) {
  const where = await sendLogWhere(scope, input);
  const rows = await scope.db.alimtalkSendLog.findMany({
    where: { AND: [where, afterCursor(input.cursor)] },
    include: sendLogInclude,
    orderBy: keysetOrder,
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit);
  return { items: page.rows.map(toSendLogOutput), nextCursor: page.nextCursor };
}

export async function getSendLog(scope: Scope, id: string) {
  const row = await scope.db.alimtalkSendLog.findFirst({ where: { id, orgId: scope.orgId }, include: sendLogInclude });
  if (!row) throw notFound(NOUN.sendLog);
  const events = await scope.db.automationEvent.findMany({
    where: { orgId: scope.orgId, sendLogId: row.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return { ...toSendLogOutput(row), dedupeKey: row.dedupeKey, events: events.map(eventOutput) };
}

// ── per-day counts ────────────────────────────────────────────────────────────────────────────────────────────
/** A year of days is plenty for a dashboard and keeps the day list bounded. */
export const MAX_STATS_DAYS = 366;
const DAY_MS = 86_400_000;

type StatsRow = { day: string; triggerType: string; status: string; count: number };

const zeroCounts = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function sendLogStats(scope: Scope, input: { from: string; to: string; linkId?: string | undefined }) {
  const from = fromBound(input.from);
  const to = toBound(input.to);
  if (to.getTime() - from.getTime() > MAX_STATS_DAYS * DAY_MS) {
    throw invalid(words(`기간은 ${MAX_STATS_DAYS}일 이내로 고르세요.`, `Choose a range of at most ${MAX_STATS_DAYS} days.`));
  }
  if (input.linkId) await assertLinkVisible(scope, input.linkId);

  // Days are KST calendar days: the admins' "today" starts at 00:00 in Seoul, not in UTC.
  const rows = await scope.db.$queryRaw<StatsRow[]>`
    SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'Asia/Seoul'), 'YYYY-MM-DD') AS day,
           "triggerType"::text AS "triggerType",
           status::text AS status,
           count(*)::int AS count
      FROM "AlimtalkSendLog"
     WHERE "orgId" = ${scope.orgId}::uuid
       AND "createdAt" >= ${from} AND "createdAt" < ${to}
       ${input.linkId ? Prisma.sql`AND "linkId" = ${input.linkId}::uuid` : Prisma.empty}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`;

  const byStatus = zeroCounts(SEND_STATUSES);
  const byTriggerType = zeroCounts(SEND_TRIGGER_TYPES);
  const perDay = new Map<string, number>();
  for (const day = new Date(from); day < to; day.setTime(day.getTime() + DAY_MS)) perDay.set(kstDay(day.getTime()), 0);
  let total = 0;
  for (const r of rows) {
    total += r.count;
    byStatus[r.status as keyof typeof byStatus] += r.count;
    byTriggerType[r.triggerType as keyof typeof byTriggerType] += r.count;
    perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.count);
  }
  return {
    from: iso(from),
    to: iso(to),
    timeZone: 'Asia/Seoul' as const,
    /** One row per (KST day, triggerType, status) that has logs. */
    rows,
    /** Every KST day of the range, zero-filled, for charts. */
    byDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count })),
    totals: { total, byStatus, byTriggerType },
  };
}
