import { setRole } from '../../services/team.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TSetRoleInputSchema } from './set-role.schema.ts';

export function setRoleHandler({ ctx, input }: { ctx: OrgContext; input: TSetRoleInputSchema }) {
  return setRole(ctx.db, ctx.orgId, input.userId, input.role);
}
