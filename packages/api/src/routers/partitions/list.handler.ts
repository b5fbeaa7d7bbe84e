import { listPartitions } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TListInputSchema } from './list.schema.ts';

/** Archived partitions only with includeArchived (the partition editor); the records screen sees active ones. */
export function listHandler({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) {
  return listPartitions(ctx, ctx.orgId, { includeArchived: input?.includeArchived ?? false });
}
