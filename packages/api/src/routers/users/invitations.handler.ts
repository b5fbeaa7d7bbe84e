import { listInvitations } from '../../services/team.ts';
import type { OrgContext } from '../../trpc.ts';

export function invitationsHandler({ ctx }: { ctx: OrgContext }) {
  return listInvitations(ctx.db, ctx.orgId, ctx.now());
}
