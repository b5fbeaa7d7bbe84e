import type { OrgContext } from '../../trpc.ts';
import { partitionFields } from '../lib/fields.ts';
import { badRequest } from '../lib/procedures.ts';
import type { TCreateInputSchema } from './create.schema.ts';
import { assertNameFree, jsonColumns, linkInclude, linkProblems, loadPartition, loadTemplate, toLinkOutput, type LinkDraft } from './shared.ts';

export async function createHandler({ ctx, input }: { ctx: OrgContext; input: TCreateInputSchema }) {
  const partition = await loadPartition(ctx, input.partitionId);
  const template = await loadTemplate(ctx, input.templateId);
  const draft: LinkDraft = { ...input, triggerCondition: input.triggerCondition ?? null };
  const problems = linkProblems(draft, partitionFields(partition.fields), template);
  if (problems.length > 0) throw badRequest(`The link cannot be saved: ${problems.join(' ')}`);
  await assertNameFree(ctx, partition.id, draft.name);

  const row = await ctx.db.alimtalkTemplateLink.create({
    data: {
      orgId: ctx.orgId,
      partitionId: partition.id,
      templateId: template.id,
      name: draft.name,
      recipientField: draft.recipientField,
      variableMappings: draft.variableMappings,
      triggerType: draft.triggerType,
      fireOn: draft.fireOn,
      cooldownHours: draft.cooldownHours,
      isActive: draft.isActive,
      createdById: ctx.auth.user.id,
      ...jsonColumns(draft),
    },
    include: linkInclude,
  });
  ctx.logger.info({ orgId: ctx.orgId, linkId: row.id, userId: ctx.auth.user.id }, 'template link created');
  return toLinkOutput(row);
}
