import { z } from 'zod';
import { safeString, TEXT_CAPS } from '../security/safe-string.ts';
import { countRecords, createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../services/records.ts';
import { orgProcedure, router } from '../trpc.ts';

const id = z.uuid('Must be a valid id (UUID).');
const recordData = z.record(safeString(TEXT_CAPS.short).pipe(z.string().min(1, 'Field keys cannot be empty.')), z.unknown(), {
  // A key's own problem (too long, empty) keeps its specific message instead of zod's "Invalid key in record".
  error: (issue) => {
    if (issue.code === 'invalid_type') return 'data must be an object of field key → value.';
    if (issue.code === 'invalid_key') return issue.issues[0]?.message;
    return undefined;
  },
});

export const recordsRouter = router({
  list: orgProcedure
    .input(
      z.object({
        partitionId: id,
        search: z.string().trim().max(100).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: id.optional(),
      }),
    )
    .query(({ ctx, input }) => listRecords(ctx.db, ctx.orgId, input)),

  /** How many records the table's search matches (up to the search limit), for "select all N matching". */
  count: orgProcedure
    .input(z.object({ partitionId: id, search: z.string().trim().max(100).optional() }))
    .query(({ ctx, input }) => countRecords(ctx.db, ctx.orgId, input)),

  get: orgProcedure.input(z.object({ id })).query(({ ctx, input }) => getRecord(ctx.db, ctx.orgId, input.id)),

  create: orgProcedure
    .input(z.object({ partitionId: id, data: recordData }))
    .mutation(({ ctx, input }) => createRecord(ctx.db, ctx.orgId, input.partitionId, input.data, ctx.now())),

  /** PATCH semantics: the given fields replace their values, null clears one, others are kept. */
  update: orgProcedure
    .input(z.object({ id, data: recordData }))
    .mutation(({ ctx, input }) => updateRecord(ctx.db, ctx.orgId, input.id, input.data, ctx.now())),

  delete: orgProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteRecord(ctx.db, ctx.orgId, input.id, ctx.now())),
});
