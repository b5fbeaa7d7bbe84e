// Browser sessions: a random cookie token whose hash is stored, valid for SESSION_DAYS; checking a sign-in's
// credentials; ending the session of this browser; what a signed-in user sees of themselves.
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { hashToken, newToken } from './tokens.ts';
import { SESSION_COOKIE, type AuthUser, type Context } from '../trpc.ts';
import { forgetSignIns } from './session-lookup.ts';

export const SESSION_DAYS = 14;

export async function startSession(ctx: Context, userId: string): Promise<void> {
  const { token, hash } = newToken('sess');
  const expiresAt = new Date(ctx.now().getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db.session.create({ data: { userId, tokenHash: hash, expiresAt } });
  ctx.req.setCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_DAYS * 86_400 });
}

/** The user with this email and password, or null. An unknown email costs a hash check too, so timing tells nothing. */
export async function userByCredentials(ctx: Context, email: string, password: string) {
  const user = await ctx.db.user.findUnique({ where: { email }, include: { org: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? user : null;
}

/** Ends the session whose cookie this request carries, if any, and clears the cookie. */
export async function endSession(ctx: Context): Promise<void> {
  const cookie = ctx.req.cookie(SESSION_COOKIE);
  if (cookie) await ctx.db.session.deleteMany({ where: { tokenHash: hashToken(cookie) } });
  forgetSignIns(ctx.db);
  ctx.req.clearCookie(SESSION_COOKIE);
}

export async function whoIs(ctx: Context, user: AuthUser) {
  const org = await ctx.db.org.findUniqueOrThrow({ where: { id: user.orgId } });
  const settings = await ctx.db.alimtalkSettings.findUnique({ where: { orgId: org.id } });
  const { id, email, name, role } = user;
  return {
    user: { id, email, name, role },
    org: { id: org.id, name: org.name },
    sendingMode: settings?.provider === 'nhn' ? ('nhn' as const) : ('sandbox' as const),
  };
}
