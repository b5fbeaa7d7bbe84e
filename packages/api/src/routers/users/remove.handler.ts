import { removeUser } from '../../services/team.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TRemoveInputSchema } from './remove.schema.ts';

export function removeHandler({ ctx, input }: { ctx: OrgContext; input: TRemoveInputSchema }) {
  return removeUser(ctx.db, ctx.orgId, input.userId, ctx.auth.user.id);
}
