import type { z } from 'zod';
import { byIdInput } from '../../lib/ids.ts';

export const ZRestoreInputSchema = byIdInput;
export type TRestoreInputSchema = z.infer<typeof ZRestoreInputSchema>;
