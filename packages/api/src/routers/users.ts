// The team: members and invitations. Everyone in the org may see who is in it; only admins change it.
import { z } from 'zod';
import { idSchema } from './lib/ids.ts';
import { startSession } from '../auth/sessions.ts';
import { acceptInvitation, createInvitation, describeInvitation, listInvitations, listUsers, removeUser, revokeInvitation, setRole } from '../services/team.ts';
import { adminProcedure, orgProcedure, publicProcedure, router } from '../trpc.ts';

const email = z.email('Enter a valid email address.').transform((e) => e.trim().toLowerCase());
const role = z.enum(['admin', 'member'], { error: 'Role must be admin or member.' });
const token = z.string().min(10, 'This invitation link is not valid.').max(200, 'This invitation link is not valid.');
export const passwordSchema = z.string().min(8, 'Passwords need at least 8 characters.').max(200, 'Passwords can be at most 200 characters.');

export const usersRouter = router({
  list: orgProcedure.query(({ ctx }) => listUsers(ctx.db, ctx.orgId)),

  invitations: adminProcedure.query(({ ctx }) => listInvitations(ctx.db, ctx.orgId, ctx.now())),

  /** Returns the one-time link's token and path once; the admin hands the link over themselves. */
  invite: adminProcedure.input(z.object({ email, role: role.default('member') })).mutation(async ({ ctx, input }) => {
    const invitation = await createInvitation(ctx.db, { orgId: ctx.orgId, email: input.email, role: input.role, invitedById: ctx.auth.user.id, now: ctx.now() });
    ctx.logger.info({ orgId: ctx.orgId, invitationId: invitation.id }, 'invitation created');
    return invitation;
  }),

  revokeInvitation: adminProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.orgId, input.id, ctx.now())),

  setRole: adminProcedure.input(z.object({ userId: idSchema, role })).mutation(({ ctx, input }) => setRole(ctx.db, ctx.orgId, input.userId, input.role)),

  remove: adminProcedure.input(z.object({ userId: idSchema })).mutation(({ ctx, input }) => removeUser(ctx.db, ctx.orgId, input.userId, ctx.auth.user.id)),
});

/** The invitee's side, before they have an account. */
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
