// Lead imports (admins): upload a CSV/XLSX, map columns, preview, start; progress and the rejected-rows report.
import { z } from 'zod';
import { idSchema } from './lib/ids.ts';
import { DUPLICATE_POLICIES, getImport, listImports, previewImport, rejectedCsv, startImport, uploadImport } from '../services/imports.ts';
import { adminProcedure, router } from '../trpc.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const mapping = z.record(z.string().min(1), z.number().int().min(0), { error: 'mapping must be an object of field key → column index.' });

export const importsRouter = router({
  /** The file as base64 (≤ 10 MB). Answers the detected encoding, the header row and a mapping guessed from it. */
  upload: adminProcedure
    .input(
      z.object({
        partitionId: idSchema,
        filename: z.string().trim().min(1, 'Give the file name.').max(200),
        contentBase64: z.string().min(1, 'The file is empty.').max(Math.ceil((MAX_BYTES * 4) / 3) + 4, 'Files can be at most 10 MB.'),
      }),
    )
    .mutation(({ ctx, input }) =>
      uploadImport(ctx, { orgId: ctx.orgId, userId: ctx.auth.user.id, partitionId: input.partitionId, filename: input.filename, content: Buffer.from(input.contentBase64, 'base64') }),
    ),

  get: adminProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => getImport(ctx.db, ctx.orgId, input.id)),

  list: adminProcedure.input(z.object({ partitionId: idSchema.optional() }).optional()).query(({ ctx, input }) => listImports(ctx.db, ctx.orgId, input?.partitionId)),

  /** The first 20 rows under a mapping, with each cell's problem, and the whole file's valid / invalid counts. */
  preview: adminProcedure.input(z.object({ id: idSchema, mapping })).mutation(({ ctx, input }) => previewImport(ctx.db, ctx.orgId, input.id, input.mapping)),

  /** runOnCreate (default false): whether on_create rules see the imported rows. Updated rows never trigger rules. */
  start: adminProcedure
    .input(z.object({ id: idSchema, mapping, duplicatePolicy: z.enum(DUPLICATE_POLICIES).default('skip'), runOnCreate: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => startImport(ctx.db, ctx.orgId, input)),

  rejectedReport: adminProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => rejectedCsv(ctx.db, ctx.orgId, input.id)),
});
