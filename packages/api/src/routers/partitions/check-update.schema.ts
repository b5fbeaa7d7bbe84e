import type { z } from 'zod';
import { ZUpdateInputSchema } from './update.schema.ts';

export const ZCheckUpdateInputSchema = ZUpdateInputSchema.omit({ deactivateBrokenRules: true });
export type TCheckUpdateInputSchema = z.infer<typeof ZCheckUpdateInputSchema>;
