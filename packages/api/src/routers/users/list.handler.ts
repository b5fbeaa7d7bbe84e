import { listUsers } from '../../services/team.ts';
import type { OrgContext } from '../../trpc.ts';

export function listHandler({ ctx }: { ctx: OrgContext }) {
  return listUsers(ctx.db, ctx.orgId);
}
