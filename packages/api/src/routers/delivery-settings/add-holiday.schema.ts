import { z } from 'zod';
import { holidayDateInput } from './shared.ts';

export const ZAddHolidayInputSchema = z.object({
  date: holidayDateInput,
  name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(100, 'Name is too long (at most 100 characters)'),
});
export type TAddHolidayInputSchema = z.infer<typeof ZAddHolidayInputSchema>;
