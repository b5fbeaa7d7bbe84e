import { listImports } from '../../services/imports.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TListInputSchema } from './list.schema.ts';

export function listHandler({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) {
  return listImports(ctx.db, ctx.orgId, input?.partitionId);
}
