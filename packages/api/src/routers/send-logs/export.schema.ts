import {
  SEND_LOG_EXPORT_COLUMNS,
  SEND_REASONS,
  SEND_STATUSES,
  SEND_TRIGGER_TYPES,
} from '@alimflow/automation-core';
import { z } from 'zod';
import type { ExportLabels } from '../../services/send-log-export.ts';
import { RANGE_MESSAGE, rangeIsOrdered, sendLogFiltersShape } from './filters.ts';

export const EXPORT_COLUMNS = SEND_LOG_EXPORT_COLUMNS;

const label = z.string().trim().min(1).max(200);
const labelsOf = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.object(Object.fromEntries(codes.map((code) => [code, label])) as Record<T[number], typeof label>);

/**
 * The words of the person's screen, sent by the SPA, which owns the translations: the header row and the
 * trigger, status and reason columns are written in them. The *Code columns always hold the codes, for machines.
 * Without labels (an API token's script) the header is Korean and the word columns repeat the codes.
 */
export const ZExportLabelsSchema = z.object({
  headers: labelsOf(EXPORT_COLUMNS),
  triggerType: labelsOf(SEND_TRIGGER_TYPES),
  status: labelsOf(SEND_STATUSES),
  reason: labelsOf(SEND_REASONS).partial(),
  // The fallback column's words for a text message sent / failed; absent = Korean.
  fallback: z.object({ sent: label, failed: label }).optional(),
}) satisfies z.ZodType<ExportLabels>;

export const ZExportInputSchema = z
  .object({ ...sendLogFiltersShape, labels: ZExportLabelsSchema.optional() })
  .refine(rangeIsOrdered, { message: RANGE_MESSAGE, path: ['to'] });

export type TExportInputSchema = z.infer<typeof ZExportInputSchema>;
