import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

export const ZTestSendInputSchema = z.object({
  linkId: idSchema,
  phone: z.string().trim().min(1, 'Enter the phone number to send the test to.').max(40, 'Phone number is too long.'),
  /** Render with this record's values; without it, placeholder values stand in. */
  recordId: idSchema.nullish(),
});

export type TTestSendInputSchema = z.infer<typeof ZTestSendInputSchema>;
