import { fallbackSettingSchema } from '@alimflow/automation-core';
import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';
import { optionalLinkFieldsShape } from './shared.ts';

/** Partial: omitted fields keep their value; `triggerCondition: null` (or {}) removes the condition. */
export const ZUpdateInputSchema = z.object({
  id: idSchema,
  ...optionalLinkFieldsShape,
  // Absent = unchanged; { type: 'off' } switches the fallback off.
  fallback: fallbackSettingSchema.optional(),
});

export type TUpdateInputSchema = z.infer<typeof ZUpdateInputSchema>;
