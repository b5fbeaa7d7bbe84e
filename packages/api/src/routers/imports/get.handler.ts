import { getImport } from '../../services/imports.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TGetInputSchema } from './get.schema.ts';

export function getHandler({ ctx, input }: { ctx: OrgContext; input: TGetInputSchema }) {
  return getImport(ctx.db, ctx.orgId, input.id);
}
