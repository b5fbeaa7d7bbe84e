// Repeat series (AlimtalkAutomationQueue): what reminders are scheduled, and stopping one by hand.
import { formatPhone, readValue, type RecordData } from '@alimflow/automation-core';
import { z } from 'zod';
import { iso } from './lib/dates.ts';
import { partitionFields } from './lib/fields.ts';
import { byIdInput, idSchema } from './lib/ids.ts';
import { afterCursor, keysetOrder, pageInput, toPage } from './lib/pagination.ts';
import { assertLinkVisible, assertRecordVisible } from './lib/visibility.ts';
import { storedRepeatConfig } from '../services/links.ts';
import { cancelSeriesByUser } from '../services/repeat-series.ts';
import { orgProcedure, router } from '../trpc.ts';

export const repeatsListInput = z.object({
  status: z.enum(['pending', 'completed', 'cancelled']).optional(),
  linkId: idSchema.optional(),
  recordId: idSchema.optional(),
  ...pageInput,
});

const queueInclude = {
  link: {
    select: {
      name: true,
      deletedAt: true,
      recipientField: true,
      repeatConfig: true,
      template: { select: { id: true, templateCode: true, name: true } },
      partition: { select: { fields: true } },
    },
  },
} as const;

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Enough to recognise the customer in a list: the number messages go to and the first text field. */
function recordSummary(data: RecordData | undefined, recipientField: string, fieldsJson: unknown) {
  if (!data) return { exists: false, phone: null, title: null };
  const firstText = partitionFields(fieldsJson).find((f) => f.type === 'text');
  const phone = text(readValue(data, recipientField));
  return {
    exists: true,
    phone: phone ? formatPhone(phone) : null,
    title: firstText ? text(readValue(data, firstText.key)) : null,
  };
}

export const repeatsRouter = router({
  list: orgProcedure.input(repeatsListInput).query(async ({ ctx, input }) => {
    if (input.linkId) await assertLinkVisible(ctx, input.linkId);
    const recordId = input.recordId;
    if (recordId) {
      await assertRecordVisible(ctx, recordId, () =>
        ctx.db.alimtalkAutomationQueue.findFirst({ where: { orgId: ctx.orgId, recordId }, select: { id: true } }),
      );
    }
    const rows = await ctx.db.alimtalkAutomationQueue.findMany({
      where: {
        AND: [
          {
            orgId: ctx.orgId,
            ...(input.status ? { status: input.status } : {}),
            ...(input.linkId ? { linkId: input.linkId } : {}),
            ...(recordId ? { recordId } : {}),
          },
          afterCursor(input.cursor),
        ],
      },
      include: queueInclude,
      orderBy: keysetOrder,
      take: input.limit + 1,
    });
    const page = toPage(rows, input.limit);
    const records = await ctx.db.record.findMany({
      where: { orgId: ctx.orgId, id: { in: [...new Set(page.rows.map((r) => r.recordId))] } },
      select: { id: true, data: true },
    });
    const dataById = new Map(records.map((r) => [r.id, (r.data ?? {}) as RecordData]));
    return {
      items: page.rows.map((q) => {
        const config = storedRepeatConfig(q.link.repeatConfig);
        return {
          id: q.id,
          linkId: q.linkId,
          linkName: q.link.name,
          linkDeleted: q.link.deletedAt !== null,
          template: q.link.template,
          recordId: q.recordId,
          record: recordSummary(dataById.get(q.recordId), q.link.recipientField, q.link.partition.fields),
          repeatCount: q.repeatCount,
          maxRepeat: config?.maxRepeat ?? null,
          intervalHours: config?.intervalHours ?? null,
          nextRunAt: iso(q.nextRunAt),
          status: q.status,
          endReason: q.endReason,
          createdAt: iso(q.createdAt),
          updatedAt: iso(q.updatedAt),
        };
      }),
      nextCursor: page.nextCursor,
    };
  }),

  cancel: orgProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    const ended = await ctx.db.$transaction((tx) => cancelSeriesByUser(tx, { orgId: ctx.orgId, id: input.id, userId: ctx.auth.user.id, now: ctx.now() }));
    ctx.logger.info({ orgId: ctx.orgId, queueId: ended.id, userId: ctx.auth.user.id }, 'repeat cancelled by user');
    return { ...ended, updatedAt: iso(ended.updatedAt) };
  }),
});
