// imports.* (admins) — lead imports: upload a CSV/XLSX, map columns, preview, start; progress and the
// rejected-rows report. One schema + handler pair per operation; the work is services/imports.ts.
import { adminProcedure, router } from '../../trpc.ts';
import { ZGetInputSchema } from './get.schema.ts';
import { getHandler } from './get.handler.ts';
import { ZListInputSchema } from './list.schema.ts';
import { listHandler } from './list.handler.ts';
import { ZPreviewInputSchema } from './preview.schema.ts';
import { previewHandler } from './preview.handler.ts';
import { ZRejectedReportInputSchema } from './rejected-report.schema.ts';
import { rejectedReportHandler } from './rejected-report.handler.ts';
import { ZStartInputSchema } from './start.schema.ts';
import { startHandler } from './start.handler.ts';
import { ZUploadInputSchema } from './upload.schema.ts';
import { uploadHandler } from './upload.handler.ts';

export const importsRouter = router({
  upload: adminProcedure.input(ZUploadInputSchema).mutation(uploadHandler),
  get: adminProcedure.input(ZGetInputSchema).query(getHandler),
  list: adminProcedure.input(ZListInputSchema).query(listHandler),
  preview: adminProcedure.input(ZPreviewInputSchema).mutation(previewHandler),
  start: adminProcedure.input(ZStartInputSchema).mutation(startHandler),
  rejectedReport: adminProcedure.input(ZRejectedReportInputSchema).query(rejectedReportHandler),
});
