import { z } from 'zod';
import { recordIdSchema, searchSchema } from './shared.ts';

export const ZListInputSchema = z.object({
  partitionId: recordIdSchema,
  search: searchSchema,
  limit: z.number().int().min(1).max(200).default(50),
  cursor: recordIdSchema.optional(),
});
export type TListInputSchema = z.infer<typeof ZListInputSchema>;
