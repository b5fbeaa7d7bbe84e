import { linkOutput, loadLink } from '../../services/link-store.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TGetInputSchema } from './get.schema.ts';

export async function getHandler({ ctx, input }: { ctx: OrgContext; input: TGetInputSchema }) {
  const link = await loadLink(ctx, input.id);
  return linkOutput(ctx.db, link.id, ctx.req.language ?? 'ko');
}
