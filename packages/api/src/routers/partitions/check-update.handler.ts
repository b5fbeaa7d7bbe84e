import { checkPartitionChange } from '../../services/partitions.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TCheckUpdateInputSchema } from './check-update.schema.ts';

/** Dry run of update: the active rules the change would break, and retyped fields that hold values. */
export async function checkUpdateHandler({ ctx, input }: { ctx: OrgContext; input: TCheckUpdateInputSchema }) {
  const { brokenRules, retypedWithData } = await checkPartitionChange(ctx, ctx.orgId, input.id, input, ctx.req.language ?? 'ko');
  return { brokenRules, retypedWithData };
}
