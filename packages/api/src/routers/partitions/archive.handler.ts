import { setPartitionArchived } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TArchiveInputSchema } from './archive.schema.ts';

export function archiveHandler({ ctx, input }: { ctx: OrgContext; input: TArchiveInputSchema }) {
  return setPartitionArchived(ctx, ctx.orgId, input.id, true, { deactivateRules: input.deactivateRules });
}
