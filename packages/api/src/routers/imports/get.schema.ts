import type { z } from 'zod';
import { byIdInput } from '../../lib/ids.ts';

export const ZGetInputSchema = byIdInput;
export type TGetInputSchema = z.infer<typeof ZGetInputSchema>;
