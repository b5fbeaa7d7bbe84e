import { frequencyCapSchema, sendWindowSchema } from '@alimflow/automation-core';
import { z } from 'zod';

/** Absent = unchanged, null = off (any time / no cap). */
export const ZUpdateInputSchema = z.object({
  sendWindow: sendWindowSchema.nullable().optional(),
  frequencyCap: frequencyCapSchema.nullable().optional(),
});
export type TUpdateInputSchema = z.infer<typeof ZUpdateInputSchema>;
