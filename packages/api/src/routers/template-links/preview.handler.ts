import { previewRule } from '../../services/rule-preview.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TPreviewInputSchema } from './preview.schema.ts';

export const previewHandler = ({ ctx, input }: { ctx: OrgContext; input: TPreviewInputSchema }) =>
  previewRule({ db: ctx.db, orgId: ctx.orgId, now: ctx.now(), language: ctx.req.language ?? 'ko' }, input);
