// The filter inputs sendLogs.list and sendLogs.export share; services/send-logs.ts turns them into one `where`.
import { SEND_STATUSES, SEND_TRIGGER_TYPES } from '@alimflow/automation-core';
import { z } from 'zod';
import { dateBoundInput, fromBound, toBound } from '../../lib/dates.ts';
import { idSchema } from '../../lib/ids.ts';

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

export function rangeIsOrdered(v: { from?: string | undefined; to?: string | undefined }): boolean {
  return !v.from || !v.to || fromBound(v.from) < toBound(v.to);
}
export const RANGE_MESSAGE = '"from" must be before "to".';
