// The signed-in user's own account: password change and signing out of every browser.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { passwordSchema } from './users/shared.ts';
import { protectedProcedure, router, SESSION_COOKIE } from '../trpc.ts';

export const accountRouter = router({
  /** Other browsers are signed out; this one stays signed in. API tokens are not affected. */
  changePassword: protectedProcedure
    .input(z.object({ currentPassword: z.string().min(1, 'Enter your current password.').max(200), newPassword: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.auth.user.id } });
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'The current password is not correct.' });
      }
      const passwordHash = await hashPassword(input.newPassword);
      const keep = ctx.auth.sessionId;
      await ctx.db.$transaction([
        ctx.db.user.update({ where: { id: user.id }, data: { passwordHash } }),
        ctx.db.session.deleteMany({ where: { userId: user.id, ...(keep ? { id: { not: keep } } : {}) } }),
      ]);
      return { ok: true as const };
    }),

  /** Ends every session of this user, this browser's included. API tokens keep working (revoke them in settings). */
  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    const { count } = await ctx.db.session.deleteMany({ where: { userId: ctx.auth.user.id } });
    ctx.req.clearCookie(SESSION_COOKIE);
    return { sessionsEnded: count };
  }),
});
