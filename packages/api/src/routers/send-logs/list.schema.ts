import { z } from 'zod';
import { pageInput } from '../../lib/pagination.ts';
import { RANGE_MESSAGE, rangeIsOrdered, sendLogFiltersShape } from './filters.ts';

export const ZListInputSchema = z
  .object({ ...sendLogFiltersShape, ...pageInput })
  .refine(rangeIsOrdered, { message: RANGE_MESSAGE, path: ['to'] });

export type TListInputSchema = z.infer<typeof ZListInputSchema>;
