import { updateRecord } from '../../services/records.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TUpdateInputSchema } from './update.schema.ts';

/** PATCH semantics: the given fields replace their values, null clears one, others are kept. */
export function updateHandler({ ctx, input }: { ctx: OrgContext; input: TUpdateInputSchema }) {
  return updateRecord(ctx.db, ctx.orgId, input.id, input.data, ctx.now());
}
