import { z } from 'zod';
import { recordIdSchema } from './shared.ts';

export const ZGetInputSchema = z.object({ id: recordIdSchema });
export type TGetInputSchema = z.infer<typeof ZGetInputSchema>;
