import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

export const ZSetActiveInputSchema = z.object({
  id: idSchema,
  isActive: z.boolean({ error: 'isActive must be true or false.' }),
});
export type TSetActiveInputSchema = z.infer<typeof ZSetActiveInputSchema>;
