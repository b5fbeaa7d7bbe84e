import { listRecords } from '../../services/records.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TListInputSchema } from './list.schema.ts';

export function listHandler({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) {
  return listRecords(ctx.db, ctx.orgId, input);
}
