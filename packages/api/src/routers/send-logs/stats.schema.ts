import { z } from 'zod';
import { dateBoundInput } from '../lib/dates.ts';
import { idSchema } from '../lib/ids.ts';
import { RANGE_MESSAGE, rangeIsOrdered } from './filters.ts';

/** A year of days is plenty for a dashboard and keeps the day list bounded. */
export const MAX_STATS_DAYS = 366;

export const ZStatsInputSchema = z
  .object({ from: dateBoundInput, to: dateBoundInput, linkId: idSchema.optional() })
  .refine(rangeIsOrdered, { message: RANGE_MESSAGE, path: ['to'] });

export type TStatsInputSchema = z.infer<typeof ZStatsInputSchema>;
