// records.* — one schema + handler pair per operation; every org member may read and edit records. The writes
// and the evaluation job they enqueue live in services/records.ts.
import { orgProcedure, router } from '../../trpc.ts';
import { ZCountInputSchema } from './count.schema.ts';
import { countHandler } from './count.handler.ts';
import { ZCreateInputSchema } from './create.schema.ts';
import { createHandler } from './create.handler.ts';
import { ZDeleteInputSchema } from './delete.schema.ts';
import { deleteHandler } from './delete.handler.ts';
import { ZGetInputSchema } from './get.schema.ts';
import { getHandler } from './get.handler.ts';
import { ZListInputSchema } from './list.schema.ts';
import { listHandler } from './list.handler.ts';
import { ZUpdateInputSchema } from './update.schema.ts';
import { updateHandler } from './update.handler.ts';

export const recordsRouter = router({
  list: orgProcedure.input(ZListInputSchema).query(listHandler),
  count: orgProcedure.input(ZCountInputSchema).query(countHandler),
  get: orgProcedure.input(ZGetInputSchema).query(getHandler),
  create: orgProcedure.input(ZCreateInputSchema).mutation(createHandler),
  update: orgProcedure.input(ZUpdateInputSchema).mutation(updateHandler),
  delete: orgProcedure.input(ZDeleteInputSchema).mutation(deleteHandler),
});
