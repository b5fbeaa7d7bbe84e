// templateLinks.* — one schema + handler pair per operation; reads are open to every org member, changes and
// test sends are for admins.
import { adminProcedure, orgProcedure, router } from '../../trpc.ts';
import { ZCreateInputSchema } from './create.schema.ts';
import { createHandler } from './create.handler.ts';
import { ZDeleteInputSchema } from './delete.schema.ts';
import { deleteHandler } from './delete.handler.ts';
import { ZGetInputSchema } from './get.schema.ts';
import { getHandler } from './get.handler.ts';
import { ZListInputSchema } from './list.schema.ts';
import { listHandler } from './list.handler.ts';
import { ZPreviewInputSchema } from './preview.schema.ts';
import { previewHandler } from './preview.handler.ts';
import { ZSetActiveInputSchema } from './set-active.schema.ts';
import { setActiveHandler } from './set-active.handler.ts';
import { ZTestSendInputSchema } from './test-send.schema.ts';
import { testSendHandler } from './test-send.handler.ts';
import { ZUpdateInputSchema } from './update.schema.ts';
import { updateHandler } from './update.handler.ts';

export const templateLinksRouter = router({
  list: orgProcedure.input(ZListInputSchema).query(listHandler),
  get: orgProcedure.input(ZGetInputSchema).query(getHandler),
  preview: orgProcedure.input(ZPreviewInputSchema).query(previewHandler),
  create: adminProcedure.input(ZCreateInputSchema).mutation(createHandler),
  update: adminProcedure.input(ZUpdateInputSchema).mutation(updateHandler),
  delete: adminProcedure.input(ZDeleteInputSchema).mutation(deleteHandler),
  setActive: adminProcedure.input(ZSetActiveInputSchema).mutation(setActiveHandler),
  testSend: adminProcedure.input(ZTestSendInputSchema).mutation(testSendHandler),
});
