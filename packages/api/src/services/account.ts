// The signed-in user's own account: password change and ending sessions.
import type { Db } from '@alimflow/db';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { invalid, words } from '../errors.ts';
import { forgetSignIns } from '../auth/session-lookup.ts';

/** Other sessions end; `keepSessionId` (the browser asking) stays signed in. API tokens are not affected. */
export async function changePassword(db: Db, input: { userId: string; currentPassword: string; newPassword: string; keepSessionId?: string | undefined }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw invalid(words('현재 비밀번호가 맞지 않습니다.', 'The current password is not correct.'));
  const passwordHash = await hashPassword(input.newPassword);
  const keep = input.keepSessionId;
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: user.id, ...(keep ? { id: { not: keep } } : {}) } }),
  ]);
  forgetSignIns(db);
  return { ok: true as const };
}

/** Every session of the user, the asking browser's included. API tokens keep working. */
export async function endAllSessions(db: Db, userId: string) {
  const { count } = await db.session.deleteMany({ where: { userId } });
  forgetSignIns(db);
  return { sessionsEnded: count };
}
