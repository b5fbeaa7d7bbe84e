import { z } from 'zod';

export const ZListInputSchema = z.object({ includeArchived: z.boolean().optional() }).optional();
export type TListInputSchema = z.infer<typeof ZListInputSchema>;
