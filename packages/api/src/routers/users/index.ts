// users.* — the team: members and invitations. Everyone in the org may see who is in it; only admins change it.
// One schema + handler pair per operation (no schema where there is no input).
import { adminProcedure, orgProcedure, router } from '../../trpc.ts';
import { invitationsHandler } from './invitations.handler.ts';
import { ZInviteInputSchema } from './invite.schema.ts';
import { inviteHandler } from './invite.handler.ts';
import { listHandler } from './list.handler.ts';
import { ZRemoveInputSchema } from './remove.schema.ts';
import { removeHandler } from './remove.handler.ts';
import { ZRevokeInvitationInputSchema } from './revoke-invitation.schema.ts';
import { revokeInvitationHandler } from './revoke-invitation.handler.ts';
import { ZSetRoleInputSchema } from './set-role.schema.ts';
import { setRoleHandler } from './set-role.handler.ts';

export const usersRouter = router({
  list: orgProcedure.query(listHandler),
  invitations: adminProcedure.query(invitationsHandler),
  invite: adminProcedure.input(ZInviteInputSchema).mutation(inviteHandler),
  revokeInvitation: adminProcedure.input(ZRevokeInvitationInputSchema).mutation(revokeInvitationHandler),
  setRole: adminProcedure.input(ZSetRoleInputSchema).mutation(setRoleHandler),
  remove: adminProcedure.input(ZRemoveInputSchema).mutation(removeHandler),
});
