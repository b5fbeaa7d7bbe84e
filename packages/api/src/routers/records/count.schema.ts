import { z } from 'zod';
import { recordIdSchema, searchSchema } from './shared.ts';

export const ZCountInputSchema = z.object({ partitionId: recordIdSchema, search: searchSchema });
export type TCountInputSchema = z.infer<typeof ZCountInputSchema>;
