import { getPartition } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TGetInputSchema } from './get.schema.ts';

export function getHandler({ ctx, input }: { ctx: OrgContext; input: TGetInputSchema }) {
  return getPartition(ctx, ctx.orgId, input.id);
}
