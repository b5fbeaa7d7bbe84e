import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { protectedProcedure, publicProcedure, router, sessionProcedure, SESSION_COOKIE, type AuthUser, type Context } from '../trpc.ts';

const SESSION_DAYS = 14;

export const loginInput = z.object({
  email: z.email('Enter a valid email address.').transform((e) => e.trim().toLowerCase()),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    // Counted before the password check, so parallel guesses cannot race past the first recorded failure.
    const verdict = await ctx.loginLimiter.attempt(input.email, ctx.req.ip);
    if (!verdict.allowed) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many failed sign-ins. Try again in ${verdict.retryAfterSeconds} seconds.` });
    }
    const user = await ctx.db.user.findUnique({ where: { email: input.email }, include: { org: true } });
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });
    }
    await ctx.loginLimiter.succeeded(input.email, ctx.req.ip);
    const { token, hash } = newToken('sess');
    const expiresAt = new Date(ctx.now().getTime() + SESSION_DAYS * 86_400_000);
    await ctx.db.session.create({ data: { userId: user.id, tokenHash: hash, expiresAt } });
    ctx.req.setCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_DAYS * 86_400 });
    ctx.logger.info({ userId: user.id, orgId: user.orgId }, 'user signed in');
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      org: { id: user.org.id, name: user.org.name },
    };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    const cookie = ctx.req.cookie(SESSION_COOKIE);
    if (cookie) await ctx.db.session.deleteMany({ where: { tokenHash: hashToken(cookie) } });
    ctx.req.clearCookie(SESSION_COOKIE);
    return { ok: true as const };
  }),

  me: protectedProcedure.query(({ ctx }) => whoIs(ctx, ctx.auth.user)),

  /** The same as `me` for someone signed in, null for anyone else (instead of UNAUTHORIZED). */
  session: sessionProcedure.query(({ ctx }) => (ctx.auth ? whoIs(ctx, ctx.auth.user) : null)),
});

async function whoIs(ctx: Context, user: AuthUser) {
  const org = await ctx.db.org.findUniqueOrThrow({ where: { id: user.orgId } });
  const settings = await ctx.db.alimtalkSettings.findUnique({ where: { orgId: org.id } });
  const { id, email, name, role } = user;
  return {
    user: { id, email, name, role },
    org: { id: org.id, name: org.name },
    sendingMode: settings?.provider === 'nhn' ? ('nhn' as const) : ('sandbox' as const),
  };
}
