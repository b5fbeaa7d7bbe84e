import type { OrgContext } from '../../trpc.ts';
import type { TListInputSchema } from './list.schema.ts';
import { linkInclude, loadPartition, loadTemplate, toLinkOutput } from './shared.ts';

export async function listHandler({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) {
  // A filter on another org's partition or template is NOT_FOUND, not an empty list.
  if (input?.partitionId) await loadPartition(ctx, input.partitionId);
  if (input?.templateId) await loadTemplate(ctx, input.templateId);
  const rows = await ctx.db.alimtalkTemplateLink.findMany({
    where: {
      orgId: ctx.orgId,
      deletedAt: null,
      ...(input?.partitionId ? { partitionId: input.partitionId } : {}),
      ...(input?.templateId ? { templateId: input.templateId } : {}),
      ...(input?.triggerType ? { triggerType: input.triggerType } : {}),
      ...(input?.isActive !== undefined ? { isActive: input.isActive } : {}),
    },
    include: linkInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map(toLinkOutput);
}
