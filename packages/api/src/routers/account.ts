// The signed-in user's own account: password change and signing out of every browser.
import { z } from 'zod';
import { changePassword, endAllSessions } from '../services/account.ts';
import { passwordSchema } from './users/shared.ts';
import { protectedProcedure, router, SESSION_COOKIE } from '../trpc.ts';

export const accountRouter = router({
  /** Other browsers are signed out; this one stays signed in. API tokens are not affected. */
  changePassword: protectedProcedure
    .input(z.object({ currentPassword: z.string().min(1, 'Enter your current password.').max(200), newPassword: passwordSchema }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, { userId: ctx.auth.user.id, ...input, keepSessionId: ctx.auth.sessionId })),

  /** Ends every session of this user, this browser's included. API tokens keep working (revoke them in settings). */
  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    const ended = await endAllSessions(ctx.db, ctx.auth.user.id);
    ctx.req.clearCookie(SESSION_COOKIE);
    return ended;
  }),
});
