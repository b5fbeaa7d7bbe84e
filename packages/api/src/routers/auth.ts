// Signing in and out; the session and credential work is auth/sessions.ts.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { endSession, startSession, userByCredentials, whoIs } from '../auth/sessions.ts';
import { protectedProcedure, publicProcedure, router, sessionProcedure } from '../trpc.ts';

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
    const user = await userByCredentials(ctx, input.email, input.password);
    if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });
    await ctx.loginLimiter.succeeded(input.email, ctx.req.ip);
    await startSession(ctx, user.id);
    ctx.logger.info({ userId: user.id, orgId: user.orgId }, 'user signed in');
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      org: { id: user.org.id, name: user.org.name },
    };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    await endSession(ctx);
    return { ok: true as const };
  }),

  me: protectedProcedure.query(({ ctx }) => whoIs(ctx, ctx.auth.user)),

  /** The same as `me` for someone signed in, null for anyone else (instead of UNAUTHORIZED). */
  session: sessionProcedure.query(({ ctx }) => (ctx.auth ? whoIs(ctx, ctx.auth.user) : null)),
});
