import type { OrgContext } from '../../trpc.ts';
import { iso } from '../lib/dates.ts';
import { notFound } from '../lib/procedures.ts';
import type { TDeleteInputSchema } from './delete.schema.ts';
import { cancelPendingRepeats } from './shared.ts';

/** Soft delete: send logs and events keep their link; its pending repeat series end with it. */
export async function deleteHandler({ ctx, input }: { ctx: OrgContext; input: TDeleteInputSchema }) {
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    // isActive off too, so anything that reads only the flag stops as well.
    const { count } = await tx.alimtalkTemplateLink.updateMany({
      where: { id: input.id, orgId: ctx.orgId, deletedAt: null },
      data: { deletedAt: now, isActive: false },
    });
    if (count === 0) throw notFound('Template link');
    const cancelledRepeats = await cancelPendingRepeats(tx, {
      orgId: ctx.orgId,
      linkId: input.id,
      reason: 'link_deleted',
      userId: ctx.auth.user.id,
      now,
    });
    ctx.logger.info({ orgId: ctx.orgId, linkId: input.id, cancelledRepeats }, 'template link deleted');
    return { id: input.id, deletedAt: iso(now), cancelledRepeats };
  });
}
