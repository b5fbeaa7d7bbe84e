import { z } from 'zod';

/** A KST calendar day that exists. */
export const holidayDateInput = z
  .string({ error: 'Date must be YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Date must be YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'That date does not exist');
