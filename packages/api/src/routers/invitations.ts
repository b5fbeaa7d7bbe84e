// The invitee's side of the team, before they have an account.
import { z } from 'zod';
import { startSession } from '../auth/sessions.ts';
import { acceptInvitation, describeInvitation } from '../services/team.ts';
import { publicProcedure, router } from '../trpc.ts';
import { passwordSchema } from './users/shared.ts';

const token = z.string().min(10, 'This invitation link is not valid.').max(200, 'This invitation link is not valid.');

export const invitationsRouter = router({
  get: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => describeInvitation(ctx.db, input.token, ctx.now())),

  /** Creates the account and signs it in. */
  accept: publicProcedure
    .input(z.object({ token, name: z.string().trim().min(1, 'Enter your name.').max(100, 'Names can be at most 100 characters.'), password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await acceptInvitation(ctx.db, { ...input, now: ctx.now() });
      await startSession(ctx, user.id);
      ctx.logger.info({ userId: user.id, orgId: user.orgId }, 'invitation accepted');
      return { user: { id: user.id, email: user.email, name: user.name, role: user.role } };
    }),
});
