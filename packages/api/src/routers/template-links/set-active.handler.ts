import type { OrgContext } from '../../trpc.ts';
import { partitionFields } from '../lib/fields.ts';
import { badRequest } from '../lib/procedures.ts';
import type { TSetActiveInputSchema } from './set-active.schema.ts';
import { cancelPendingRepeats, draftFromRow, linkOutput, linkProblems, loadLink, loadPartition, loadTemplate } from './shared.ts';

export async function setActiveHandler({ ctx, input }: { ctx: OrgContext; input: TSetActiveInputSchema }) {
  const link = await loadLink(ctx, input.id);
  if (input.isActive) {
    // The partition's fields may have changed while the link was off.
    const partition = await loadPartition(ctx, link.partitionId);
    const template = await loadTemplate(ctx, link.templateId);
    const problems = linkProblems(draftFromRow(link), partitionFields(partition.fields), template);
    if (problems.length > 0) throw badRequest(`The link cannot be turned on: ${problems.join(' ')} Edit the link first.`);
  }
  return ctx.db.$transaction(async (tx) => {
    await tx.alimtalkTemplateLink.update({
      where: { id: link.id, orgId: ctx.orgId, deletedAt: null },
      data: { isActive: input.isActive },
    });
    const cancelledRepeats = input.isActive
      ? 0
      : await cancelPendingRepeats(tx, { orgId: ctx.orgId, linkId: link.id, reason: 'link_inactive', userId: ctx.auth.user.id, now: ctx.now() });
    ctx.logger.info({ orgId: ctx.orgId, linkId: link.id, isActive: input.isActive, cancelledRepeats }, 'template link toggled');
    return { ...(await linkOutput(tx, link.id)), cancelledRepeats };
  });
}
