import { listLinks } from '../../services/link-admin.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TListInputSchema } from './list.schema.ts';

export function listHandler({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) {
  return listLinks(ctx, ctx.orgId, input ?? {}, ctx.req.language ?? 'ko');
}
