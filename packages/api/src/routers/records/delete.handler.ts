import { deleteRecord } from '../../services/records.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TDeleteInputSchema } from './delete.schema.ts';

export function deleteHandler({ ctx, input }: { ctx: OrgContext; input: TDeleteInputSchema }) {
  return deleteRecord(ctx.db, ctx.orgId, input.id, ctx.now());
}
