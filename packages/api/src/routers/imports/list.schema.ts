import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

export const ZListInputSchema = z.object({ partitionId: idSchema.optional() }).optional();
export type TListInputSchema = z.infer<typeof ZListInputSchema>;
