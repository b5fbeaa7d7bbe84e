import { z } from 'zod';
import { recordDataSchema, recordIdSchema } from './shared.ts';

export const ZCreateInputSchema = z.object({ partitionId: recordIdSchema, data: recordDataSchema });
export type TCreateInputSchema = z.infer<typeof ZCreateInputSchema>;
