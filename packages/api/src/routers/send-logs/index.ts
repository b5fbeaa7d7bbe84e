// sendLogs.* — one schema + handler pair per operation. Register new operations here. export is a mutation: a
// download the user asks for, not data to cache.
import { orgProcedure, router } from '../../trpc.ts';
import { ZExportInputSchema } from './export.schema.ts';
import { exportHandler } from './export.handler.ts';
import { ZGetInputSchema } from './get.schema.ts';
import { getHandler } from './get.handler.ts';
import { ZListInputSchema } from './list.schema.ts';
import { listHandler } from './list.handler.ts';
import { retryHandler } from './retry.handler.ts';
import { retryInput } from './retry.schema.ts';
import { ZStatsInputSchema } from './stats.schema.ts';
import { statsHandler } from './stats.handler.ts';

export const sendLogsRouter = router({
  list: orgProcedure.input(ZListInputSchema).query(listHandler),
  get: orgProcedure.input(ZGetInputSchema).query(getHandler),
  stats: orgProcedure.input(ZStatsInputSchema).query(statsHandler),
  export: orgProcedure.input(ZExportInputSchema).mutation(exportHandler),
  /** Failed sends go out again as new SendLogs; the failures stay in the history. */
  retry: orgProcedure.input(retryInput).mutation(retryHandler),
});
