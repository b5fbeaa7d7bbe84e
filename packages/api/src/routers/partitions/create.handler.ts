import { createPartition } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TCreateInputSchema } from './create.schema.ts';

export async function createHandler({ ctx, input }: { ctx: OrgContext; input: TCreateInputSchema }) {
  const row = await createPartition(ctx, ctx.orgId, input);
  ctx.logger.info({ orgId: ctx.orgId, partitionId: row.id }, 'partition created');
  return row;
}
