import { kstDay } from '@alimflow/automation-core';
import { Prisma } from '@alimflow/db';
import type { OrgContext } from '../../trpc.ts';
import { fromBound, iso, toBound } from '../lib/dates.ts';
import { badRequest } from '../lib/procedures.ts';
import { assertLinkVisible } from '../../services/visibility.ts';
import { sendStatusSchema, sendTriggerTypeSchema } from './filters.ts';
import { MAX_STATS_DAYS, type TStatsInputSchema } from './stats.schema.ts';

const DAY_MS = 86_400_000;

type Row = { day: string; triggerType: string; status: string; count: number };

const zeroCounts = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function statsHandler({ ctx, input }: { ctx: OrgContext; input: TStatsInputSchema }) {
  const from = fromBound(input.from);
  const to = toBound(input.to);
  if (to.getTime() - from.getTime() > MAX_STATS_DAYS * DAY_MS) {
    throw badRequest(`Choose a range of at most ${MAX_STATS_DAYS} days.`);
  }
  if (input.linkId) await assertLinkVisible(ctx, input.linkId);

  // Days are KST calendar days: the admins' "today" starts at 00:00 in Seoul, not in UTC.
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'Asia/Seoul'), 'YYYY-MM-DD') AS day,
           "triggerType"::text AS "triggerType",
           status::text AS status,
           count(*)::int AS count
      FROM "AlimtalkSendLog"
     WHERE "orgId" = ${ctx.orgId}::uuid
       AND "createdAt" >= ${from} AND "createdAt" < ${to}
       ${input.linkId ? Prisma.sql`AND "linkId" = ${input.linkId}::uuid` : Prisma.empty}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`;

  const byStatus = zeroCounts(sendStatusSchema.options);
  const byTriggerType = zeroCounts(sendTriggerTypeSchema.options);
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
