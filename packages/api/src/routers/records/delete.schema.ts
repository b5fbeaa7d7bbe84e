import { z } from 'zod';
import { recordIdSchema } from './shared.ts';

export const ZDeleteInputSchema = z.object({ id: recordIdSchema });
export type TDeleteInputSchema = z.infer<typeof ZDeleteInputSchema>;
