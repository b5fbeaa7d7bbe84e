import { startImport } from '../../services/imports.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TStartInputSchema } from './start.schema.ts';

export function startHandler({ ctx, input }: { ctx: OrgContext; input: TStartInputSchema }) {
  return startImport(ctx.db, ctx.orgId, input);
}
