import { getRecord } from '../../services/records.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TGetInputSchema } from './get.schema.ts';

export function getHandler({ ctx, input }: { ctx: OrgContext; input: TGetInputSchema }) {
  return getRecord(ctx.db, ctx.orgId, input.id);
}
