import { revokeInvitation } from '../../services/team.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TRevokeInvitationInputSchema } from './revoke-invitation.schema.ts';

export function revokeInvitationHandler({ ctx, input }: { ctx: OrgContext; input: TRevokeInvitationInputSchema }) {
  return revokeInvitation(ctx.db, ctx.orgId, input.id, ctx.now());
}
