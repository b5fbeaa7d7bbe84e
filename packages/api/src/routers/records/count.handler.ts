import { countRecords } from '../../services/records.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TCountInputSchema } from './count.schema.ts';

/** How many records the table's search matches (up to the search limit), for "select all N matching". */
export function countHandler({ ctx, input }: { ctx: OrgContext; input: TCountInputSchema }) {
  return countRecords(ctx.db, ctx.orgId, input);
}
