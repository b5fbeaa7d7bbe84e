import type { Db } from '@alimflow/db';

/** Expired sessions are useless and only grow the table; removed hourly by cron. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
