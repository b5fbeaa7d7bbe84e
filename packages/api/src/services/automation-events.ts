// The record's and the link's automation history ("why didn't it send?"), newest first, with each event's send
// log and the record as it reads in a list.
import { partitionFields, type AutomationEventKind } from '@alimflow/automation-core';
import { eventOutput } from '../lib/events.ts';
import { afterCursor, keysetOrder, toPage } from '../lib/pagination.ts';
import type { AppDeps } from '../deps.ts';
import { eventViews } from './skip-history.ts';
import { assertLinkVisible, assertRecordVisible } from './visibility.ts';

/** How a record reads in a list of events: its first text field (usually the name) and its phone number. */
function recordSummary(data: unknown, fieldsJson: unknown, phoneField: string | null) {
  const values = (data ?? {}) as Record<string, unknown>;
  const fields = partitionFields(fieldsJson);
  const label = fields.find(
    (f) => f.type === 'text' && typeof values[f.key] === 'string' && values[f.key] !== '',
  );
  const phone = phoneField ? values[phoneField] : undefined;
  return {
    label: label ? String(values[label.key]) : null,
    phone: typeof phone === 'string' ? phone : null,
  };
}

export interface AutomationEventsQuery {
  recordId?: string | undefined;
  linkId?: string | undefined;
  decision?: 'fired' | 'skipped' | 'completed' | 'cancelled' | undefined;
  event?: AutomationEventKind | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export async function listAutomationEvents(
  ctx: Pick<AppDeps, 'db'> & { orgId: string },
  input: AutomationEventsQuery,
) {
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
          // A rule's own rows, and the shared skips that name it (skip-history.ts).
          ...(input.linkId ? { OR: [{ linkId: input.linkId }, { linkIds: { has: input.linkId } }] } : {}),
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
  const views = page.rows.flatMap((row) =>
    eventViews(row, input.linkId).map((view) => ({ ...view, link: row.link })),
  );
  // A shared skip's rules: named from one read, deleted ones too (their history stays readable).
  const sharedIds = [...new Set(page.rows.flatMap((r) => r.linkIds))];
  const shared = sharedIds.length
    ? await ctx.db.alimtalkTemplateLink.findMany({
        where: { orgId: ctx.orgId, id: { in: sharedIds } },
        select: { id: true, name: true, deletedAt: true },
      })
    : [];
  const linkById = new Map(shared.map((l) => [l.id, l]));
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
  const recordById = new Map(
    records.map((r) => [r.id, recordSummary(r.data, r.partition.fields, r.partition.phoneField)]),
  );
  return {
    items: views.map((view) => {
      const e = { ...view, link: view.link ?? (view.linkId ? linkById.get(view.linkId) : undefined) };
      return {
        ...eventOutput(e),
        linkName: e.link?.name ?? null,
        linkDeleted: e.link ? e.link.deletedAt !== null : e.linkId !== null,
        // null when the record was deleted since.
        record: recordById.get(e.recordId) ?? null,
        sendLogId: e.sendLogId,
        sendLog: (e.sendLogId && logById.get(e.sendLogId)) || null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
