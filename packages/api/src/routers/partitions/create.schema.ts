import { z } from 'zod';
import { fieldsSchema, nameSchema, phoneFieldSchema } from './shared.ts';

export const ZCreateInputSchema = z.object({
  name: nameSchema,
  fields: fieldsSchema,
  phoneField: phoneFieldSchema.optional(),
});
export type TCreateInputSchema = z.infer<typeof ZCreateInputSchema>;
