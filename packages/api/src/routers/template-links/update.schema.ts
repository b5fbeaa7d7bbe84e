import { z } from 'zod';
import { idSchema } from '../lib/ids.ts';
import { optionalLinkFieldsShape } from './shared.ts';

/** Partial: omitted fields keep their value; `triggerCondition: null` (or {}) removes the condition. */
export const ZUpdateInputSchema = z.object({ id: idSchema, ...optionalLinkFieldsShape });

export type TUpdateInputSchema = z.infer<typeof ZUpdateInputSchema>;
