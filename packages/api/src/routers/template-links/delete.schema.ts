import type { z } from 'zod';
import { byIdInput } from '../../lib/ids.ts';

export const ZDeleteInputSchema = byIdInput;
export type TDeleteInputSchema = z.infer<typeof ZDeleteInputSchema>;
