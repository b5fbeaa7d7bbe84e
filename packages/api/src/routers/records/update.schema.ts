import { z } from 'zod';
import { recordDataSchema, recordIdSchema } from './shared.ts';

export const ZUpdateInputSchema = z.object({ id: recordIdSchema, data: recordDataSchema });
export type TUpdateInputSchema = z.infer<typeof ZUpdateInputSchema>;
