import { setPartitionArchived } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TRestoreInputSchema } from './restore.schema.ts';

export function restoreHandler({ ctx, input }: { ctx: OrgContext; input: TRestoreInputSchema }) {
  return setPartitionArchived(ctx, ctx.orgId, input.id, false);
}
