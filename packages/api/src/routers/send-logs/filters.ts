// The filters sendLogs.list and sendLogs.export share, and their translation into one Prisma `where`.
import { SEND_STATUSES, SEND_TRIGGER_TYPES } from '@alimflow/automation-core';
import type { Prisma } from '@alimflow/db';
import { z } from 'zod';
import type { OrgContext } from '../../trpc.ts';
import { dateBoundInput, fromBound, toBound } from '../lib/dates.ts';
import { idSchema } from '../lib/ids.ts';
import { assertLinkVisible, assertRecordVisible } from '../../services/visibility.ts';

export const sendTriggerTypeSchema = z.enum(SEND_TRIGGER_TYPES);
export const sendStatusSchema = z.enum(SEND_STATUSES);

export const sendLogFiltersShape = {
  triggerType: sendTriggerTypeSchema.optional(),
  status: sendStatusSchema.optional(),
  linkId: idSchema.optional(),
  templateCode: z.string().trim().min(1).max(50, 'Template codes are at most 50 characters.').optional(),
  recordId: idSchema.optional(),
  /** Any part of the number; only its digits count, so 010-1234 and 0101234 find the same logs. */
  recipient: z
    .string()
    .max(40, 'Recipient filter is too long.')
    .transform((value) => value.replace(/\D/g, ''))
    .refine((digits) => digits.length > 0, 'Recipient filter needs at least one digit.')
    .optional(),
  /** Inclusive. A bare YYYY-MM-DD is that KST day. */
  from: dateBoundInput.optional(),
  /** Exclusive; a bare YYYY-MM-DD includes that whole KST day. */
  to: dateBoundInput.optional(),
};

const _filtersObject = z.object(sendLogFiltersShape);
export type SendLogFilters = z.infer<typeof _filtersObject>;

export function rangeIsOrdered(v: { from?: string | undefined; to?: string | undefined }): boolean {
  return !v.from || !v.to || fromBound(v.from) < toBound(v.to);
}
export const RANGE_MESSAGE = '"from" must be before "to".';

/** Filtering by another org's link or record is NOT_FOUND, not an empty page. */
export async function sendLogWhere(ctx: OrgContext, f: SendLogFilters): Promise<Prisma.AlimtalkSendLogWhereInput> {
  if (f.linkId) await assertLinkVisible(ctx, f.linkId);
  if (f.recordId) {
    const recordId = f.recordId;
    await assertRecordVisible(ctx, recordId, () =>
      ctx.db.alimtalkSendLog.findFirst({ where: { orgId: ctx.orgId, recordId }, select: { id: true } }),
    );
  }
  return {
    orgId: ctx.orgId,
    ...(f.triggerType ? { triggerType: f.triggerType } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.linkId ? { linkId: f.linkId } : {}),
    ...(f.templateCode ? { templateCode: f.templateCode } : {}),
    ...(f.recordId ? { recordId: f.recordId } : {}),
    ...(f.recipient ? { recipientNo: { contains: f.recipient } } : {}),
    ...(f.from || f.to
      ? { createdAt: { ...(f.from ? { gte: fromBound(f.from) } : {}), ...(f.to ? { lt: toBound(f.to) } : {}) } }
      : {}),
  };
}
