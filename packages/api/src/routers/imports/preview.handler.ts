import { previewImport } from '../../services/imports.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TPreviewInputSchema } from './preview.schema.ts';

/** The first 20 rows under a mapping, with each cell's problem, and the whole file's valid / invalid counts. */
export function previewHandler({ ctx, input }: { ctx: OrgContext; input: TPreviewInputSchema }) {
  return previewImport(ctx.db, ctx.orgId, input.id, input.mapping, ctx.req.language ?? 'ko');
}
