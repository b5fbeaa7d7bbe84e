import { z } from 'zod';
import { DUPLICATE_POLICIES } from '../../services/imports.ts';
import { idSchema } from '../../lib/ids.ts';
import { mappingSchema } from './shared.ts';

/** runOnCreate (default false): whether on_create rules see the imported rows. Updated rows never trigger rules. */
export const ZStartInputSchema = z.object({
  id: idSchema,
  mapping: mappingSchema,
  duplicatePolicy: z.enum(DUPLICATE_POLICIES).default('skip'),
  runOnCreate: z.boolean().default(false),
});
export type TStartInputSchema = z.infer<typeof ZStartInputSchema>;
