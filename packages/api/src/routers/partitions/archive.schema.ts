import { z } from 'zod';
import { byIdInput } from '../../lib/ids.ts';

export const ZArchiveInputSchema = byIdInput.extend({ deactivateRules: z.boolean().optional() });
export type TArchiveInputSchema = z.infer<typeof ZArchiveInputSchema>;
