import type { z } from 'zod';
import { byIdInput } from '../../lib/ids.ts';

export const ZRejectedReportInputSchema = byIdInput;
export type TRejectedReportInputSchema = z.infer<typeof ZRejectedReportInputSchema>;
