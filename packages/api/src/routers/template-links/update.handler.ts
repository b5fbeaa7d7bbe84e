import type { Prisma } from '@alimflow/db';
import type { OrgContext } from '../../trpc.ts';
import { partitionFields } from '../lib/fields.ts';
import { badRequest } from '../lib/procedures.ts';
import type { TUpdateInputSchema } from './update.schema.ts';
import {
  assertNameFree,
  cancelPendingRepeats,
  draftFromRow,
  jsonColumns,
  linkOutput,
  linkProblems,
  loadLink,
  loadPartition,
  loadTemplate,
  type LinkDraft,
} from './shared.ts';

export async function updateHandler({ ctx, input }: { ctx: OrgContext; input: TUpdateInputSchema }) {
  const existing = await loadLink(ctx, input.id);
  const { id, partitionId, ...given } = input;
  // Its logs, events and repeat series belong to records of this partition.
  if (partitionId !== undefined && partitionId !== existing.partitionId) {
    throw badRequest('A link cannot move to another partition; create a new link there instead.');
  }
  const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<LinkDraft>;
  const before = draftFromRow(existing);
  const draft: LinkDraft = { ...before, ...changes };

  const partition = await loadPartition(ctx, existing.partitionId);
  const template = await loadTemplate(ctx, draft.templateId);
  const problems = linkProblems(draft, partitionFields(partition.fields), template);
  if (problems.length > 0) throw badRequest(`The link cannot be saved: ${problems.join(' ')}`);
  if (changes.name !== undefined && changes.name !== existing.name) await assertNameFree(ctx, partition.id, changes.name, id);

  const json = jsonColumns(draft);
  const data: Prisma.AlimtalkTemplateLinkUncheckedUpdateInput = {
    ...(changes.templateId !== undefined ? { templateId: changes.templateId } : {}),
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.recipientField !== undefined ? { recipientField: changes.recipientField } : {}),
    ...(changes.variableMappings !== undefined ? { variableMappings: changes.variableMappings } : {}),
    ...(changes.triggerType !== undefined ? { triggerType: changes.triggerType } : {}),
    ...('triggerCondition' in changes ? { triggerCondition: json.triggerCondition } : {}),
    ...(changes.fireOn !== undefined ? { fireOn: changes.fireOn } : {}),
    ...('repeatConfig' in changes ? { repeatConfig: json.repeatConfig } : {}),
    ...(changes.cooldownHours !== undefined ? { cooldownHours: changes.cooldownHours } : {}),
    ...(changes.isActive !== undefined ? { isActive: changes.isActive } : {}),
  };

  return ctx.db.$transaction(async (tx) => {
    // The where on deletedAt makes a concurrent delete win: the update then finds nothing (P2025 → NOT_FOUND).
    await tx.alimtalkTemplateLink.update({ where: { id, orgId: ctx.orgId, deletedAt: null }, data });
    const endReason = before.isActive && !draft.isActive ? 'link_inactive' : before.repeatConfig && !draft.repeatConfig ? 'repeat_disabled' : null;
    const cancelledRepeats = endReason
      ? await cancelPendingRepeats(tx, { orgId: ctx.orgId, linkId: id, reason: endReason, userId: ctx.auth.user.id, now: ctx.now() })
      : 0;
    return { ...(await linkOutput(tx, id)), cancelledRepeats };
  });
}
