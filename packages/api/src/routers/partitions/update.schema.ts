import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';
import { fieldsSchema, nameSchema, phoneFieldSchema } from './shared.ts';

export const ZUpdateInputSchema = z.object({
  id: idSchema,
  name: nameSchema.optional(),
  fields: fieldsSchema.optional(),
  phoneField: phoneFieldSchema.optional(),
  /** Turn off the active rules this change would break (named in the answer) instead of refusing it. */
  deactivateBrokenRules: z.boolean().optional(),
});
export type TUpdateInputSchema = z.infer<typeof ZUpdateInputSchema>;
