import { createRecord } from '../../services/records.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TCreateInputSchema } from './create.schema.ts';

export function createHandler({ ctx, input }: { ctx: OrgContext; input: TCreateInputSchema }) {
  return createRecord(ctx.db, ctx.orgId, input.partitionId, input.data, ctx.now());
}
