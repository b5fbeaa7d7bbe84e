// Repeat series (AlimtalkAutomationQueue) as admins see them: the scheduled reminders with enough of each record to
// recognise the customer, newest first, one keyset page at a time; and stopping one by hand.
import { formatPhone, partitionFields, readValue, type RecordData } from '@alimflow/automation-core';
import type { AppDeps } from '../deps.ts';
import { iso } from '../lib/dates.ts';
import { afterCursor, keysetOrder, toPage } from '../lib/pagination.ts';
import { storedRepeatConfig } from './links.ts';
import { cancelSeriesByUser } from './repeat-series.ts';
import { assertLinkVisible, assertRecordVisible } from './visibility.ts';

export interface RepeatsFilter {
  status?: 'pending' | 'completed' | 'cancelled' | undefined;
  linkId?: string | undefined;
  recordId?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

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

export async function listRepeatSeries(deps: Pick<AppDeps, 'db'>, orgId: string, input: RepeatsFilter) {
  const { db } = deps;
  const scope = { db, orgId };
  if (input.linkId) await assertLinkVisible(scope, input.linkId);
  const recordId = input.recordId;
  if (recordId) {
    await assertRecordVisible(scope, recordId, () =>
      db.alimtalkAutomationQueue.findFirst({ where: { orgId, recordId }, select: { id: true } }),
    );
  }
  const rows = await db.alimtalkAutomationQueue.findMany({
    where: {
      AND: [
        {
          orgId,
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
  const records = await db.record.findMany({
    where: { orgId, id: { in: [...new Set(page.rows.map((r) => r.recordId))] } },
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
}

/** Ends one series as cancelled_by_user (with its AutomationEvent); another org's or a finished one is NOT_FOUND. */
export async function cancelRepeatSeries(
  deps: Pick<AppDeps, 'db' | 'logger'>,
  actor: { orgId: string; userId: string; now: Date },
  id: string,
) {
  const ended = await deps.db.$transaction((tx) => cancelSeriesByUser(tx, { ...actor, id }));
  deps.logger.info({ orgId: actor.orgId, queueId: ended.id, userId: actor.userId }, 'repeat cancelled by user');
  return { ...ended, updatedAt: iso(ended.updatedAt) };
}
