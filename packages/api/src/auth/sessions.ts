// Starting a browser session: a random cookie token whose hash is stored, valid for SESSION_DAYS.
import { newToken } from './tokens.ts';
import { SESSION_COOKIE, type Context } from '../trpc.ts';

export const SESSION_DAYS = 14;

export async function startSession(ctx: Context, userId: string): Promise<void> {
  const { token, hash } = newToken('sess');
  const expiresAt = new Date(ctx.now().getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db.session.create({ data: { userId, tokenHash: hash, expiresAt } });
  ctx.req.setCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_DAYS * 86_400 });
}
