import { z } from 'zod';
import { RANGE_MESSAGE, rangeIsOrdered, sendLogFiltersShape } from './filters.ts';

/** Rows per file: about 15 MB of CSV, which Excel opens comfortably. Narrow the filters for more. */
export const EXPORT_MAX_ROWS = 50_000;

export const ZExportInputSchema = z.object(sendLogFiltersShape).refine(rangeIsOrdered, { message: RANGE_MESSAGE, path: ['to'] });

export type TExportInputSchema = z.infer<typeof ZExportInputSchema>;
