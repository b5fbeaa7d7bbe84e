import { z } from 'zod';
import { dateBoundInput } from '../../lib/dates.ts';
import { idSchema } from '../../lib/ids.ts';
import { RANGE_MESSAGE, rangeIsOrdered } from './filters.ts';

export const ZStatsInputSchema = z
  .object({ from: dateBoundInput, to: dateBoundInput, linkId: idSchema.optional() })
  .refine(rangeIsOrdered, { message: RANGE_MESSAGE, path: ['to'] });

export type TStatsInputSchema = z.infer<typeof ZStatsInputSchema>;
