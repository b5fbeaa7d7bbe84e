import { updatePartition } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TUpdateInputSchema } from './update.schema.ts';

export function updateHandler({ ctx, input }: { ctx: OrgContext; input: TUpdateInputSchema }) {
  return updatePartition(ctx, ctx.orgId, input.id, input, ctx.req.language ?? 'ko');
}
