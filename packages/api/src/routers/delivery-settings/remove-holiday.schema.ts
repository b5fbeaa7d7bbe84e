import { z } from 'zod';
import { holidayDateInput } from './shared.ts';

export const ZRemoveHolidayInputSchema = z.object({ date: holidayDateInput });
export type TRemoveHolidayInputSchema = z.infer<typeof ZRemoveHolidayInputSchema>;
