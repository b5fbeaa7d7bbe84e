// automationEvents.list — every decision the engine made about a record or a link ("why didn't it send?").
import { z } from 'zod';
import { iso } from './lib/dates.ts';
import { idSchema } from './lib/ids.ts';
import { afterCursor, keysetOrder, pageInput, toPage } from './lib/pagination.ts';
import { orgProc } from './lib/procedures.ts';
import { assertLinkVisible, assertRecordVisible } from './lib/visibility.ts';
import { router } from '../trpc.ts';

export const automationEventsListInput = z
  .object({
    recordId: idSchema.optional(),
    linkId: idSchema.optional(),
    decision: z.enum(['fired', 'skipped', 'completed', 'cancelled']).optional(),
    event: z.enum(['create', 'update', 'repeat', 'manual']).optional(),
    ...pageInput,
  })
  .refine((v) => v.recordId !== undefined || v.linkId !== undefined, {
    message: 'Give a recordId or a linkId.',
    path: ['recordId'],
  });

export const automationEventsRouter = router({
  list: orgProc.input(automationEventsListInput).query(async ({ ctx, input }) => {
    if (input.linkId) await assertLinkVisible(ctx, input.linkId);
    const recordId = input.recordId;
    if (recordId) {
      await assertRecordVisible(ctx, recordId, () =>
        ctx.db.automationEvent.findFirst({ where: { orgId: ctx.orgId, recordId }, select: { id: true } }),
      );
    }
    const rows = await ctx.db.automationEvent.findMany({
      where: {
        AND: [
          {
            orgId: ctx.orgId,
            ...(recordId ? { recordId } : {}),
            ...(input.linkId ? { linkId: input.linkId } : {}),
            ...(input.decision ? { decision: input.decision } : {}),
            ...(input.event ? { event: input.event } : {}),
          },
          afterCursor(input.cursor),
        ],
      },
      include: { link: { select: { name: true, deletedAt: true } } },
      orderBy: keysetOrder,
      take: input.limit + 1,
    });
    const page = toPage(rows, input.limit);
    const logIds = page.rows.flatMap((e) => (e.sendLogId ? [e.sendLogId] : []));
    const logs = logIds.length
      ? await ctx.db.alimtalkSendLog.findMany({
          where: { orgId: ctx.orgId, id: { in: logIds } },
          select: { id: true, status: true, triggerType: true, reason: true, resultCode: true },
        })
      : [];
    const logById = new Map(logs.map((l) => [l.id, l]));
    return {
      items: page.rows.map((e) => ({
        id: e.id,
        event: e.event,
        decision: e.decision,
        reason: e.reason,
        detail: e.detail,
        linkId: e.linkId,
        linkName: e.link?.name ?? null,
        linkDeleted: e.link ? e.link.deletedAt !== null : e.linkId !== null,
        recordId: e.recordId,
        sendLogId: e.sendLogId,
        sendLog: (e.sendLogId && logById.get(e.sendLogId)) || null,
        createdAt: iso(e.createdAt),
      })),
      nextCursor: page.nextCursor,
    };
  }),
});
