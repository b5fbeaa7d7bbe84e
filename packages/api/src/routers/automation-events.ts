// automationEvents.list — every decision the engine made about a record or a link ("why didn't it send?").
import { partitionFields } from '@alimflow/automation-core';
import { z } from 'zod';
import { eventOutput } from './lib/events.ts';
import { idSchema } from './lib/ids.ts';
import { afterCursor, keysetOrder, pageInput, toPage } from './lib/pagination.ts';
import { assertLinkVisible, assertRecordVisible } from '../services/visibility.ts';
import { orgProcedure, router } from '../trpc.ts';

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

/** How a record reads in a list of events: its first text field (usually the name) and its phone number. */
function recordSummary(data: unknown, fieldsJson: unknown, phoneField: string | null) {
  const values = (data ?? {}) as Record<string, unknown>;
  const fields = partitionFields(fieldsJson);
  const label = fields.find((f) => f.type === 'text' && typeof values[f.key] === 'string' && values[f.key] !== '');
  const phone = phoneField ? values[phoneField] : undefined;
  return {
    label: label ? String(values[label.key]) : null,
    phone: typeof phone === 'string' ? phone : null,
  };
}

export const automationEventsRouter = router({
  list: orgProcedure.input(automationEventsListInput).query(async ({ ctx, input }) => {
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
    const records = await ctx.db.record.findMany({
      where: { orgId: ctx.orgId, id: { in: [...new Set(page.rows.map((e) => e.recordId))] } },
      select: { id: true, data: true, partition: { select: { fields: true, phoneField: true } } },
    });
    const recordById = new Map(records.map((r) => [r.id, recordSummary(r.data, r.partition.fields, r.partition.phoneField)]));
    return {
      items: page.rows.map((e) => ({
        ...eventOutput(e),
        linkName: e.link?.name ?? null,
        linkDeleted: e.link ? e.link.deletedAt !== null : e.linkId !== null,
        // null when the record was deleted since.
        record: recordById.get(e.recordId) ?? null,
        sendLogId: e.sendLogId,
        sendLog: (e.sendLogId && logById.get(e.sendLogId)) || null,
      })),
      nextCursor: page.nextCursor,
    };
  }),
});
