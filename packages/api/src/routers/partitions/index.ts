// partitions.* — a named record collection with its field definitions. One schema + handler pair per operation;
// the checks against rules and records, and the writes, live in services/partitions.ts.
import { adminProcedure, orgProcedure, router } from '../../trpc.ts';
import { ZArchiveInputSchema } from './archive.schema.ts';
import { archiveHandler } from './archive.handler.ts';
import { ZCheckUpdateInputSchema } from './check-update.schema.ts';
import { checkUpdateHandler } from './check-update.handler.ts';
import { ZCreateInputSchema } from './create.schema.ts';
import { createHandler } from './create.handler.ts';
import { ZGetInputSchema } from './get.schema.ts';
import { getHandler } from './get.handler.ts';
import { ZListInputSchema } from './list.schema.ts';
import { listHandler } from './list.handler.ts';
import { ZRestoreInputSchema } from './restore.schema.ts';
import { restoreHandler } from './restore.handler.ts';
import { ZUpdateInputSchema } from './update.schema.ts';
import { updateHandler } from './update.handler.ts';

export const partitionsRouter = router({
  list: orgProcedure.input(ZListInputSchema).query(listHandler),
  get: orgProcedure.input(ZGetInputSchema).query(getHandler),
  create: adminProcedure.input(ZCreateInputSchema).mutation(createHandler),
  checkUpdate: adminProcedure.input(ZCheckUpdateInputSchema).mutation(checkUpdateHandler),
  update: adminProcedure.input(ZUpdateInputSchema).mutation(updateHandler),
  archive: adminProcedure.input(ZArchiveInputSchema).mutation(archiveHandler),
  restore: adminProcedure.input(ZRestoreInputSchema).mutation(restoreHandler),
});
