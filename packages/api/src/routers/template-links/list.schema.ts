import { triggerTypeSchema } from '@alimflow/automation-core';
import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

export const ZListInputSchema = z
  .object({
    partitionId: idSchema.optional(),
    templateId: idSchema.optional(),
    triggerType: triggerTypeSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .optional();

export type TListInputSchema = z.infer<typeof ZListInputSchema>;
