import { createInvitation } from '../../services/team.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TInviteInputSchema } from './invite.schema.ts';

/** Returns the one-time link's token and path once; the admin hands the link over themselves. */
export async function inviteHandler({ ctx, input }: { ctx: OrgContext; input: TInviteInputSchema }) {
  const invitation = await createInvitation(ctx.db, { orgId: ctx.orgId, email: input.email, role: input.role, invitedById: ctx.auth.user.id, now: ctx.now() });
  ctx.logger.info({ orgId: ctx.orgId, invitationId: invitation.id }, 'invitation created');
  return invitation;
}
