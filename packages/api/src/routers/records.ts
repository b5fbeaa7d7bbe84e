import type { Prisma } from '@alimflow/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { safeString, TEXT_CAPS } from '../security/safe-string.ts';
import { createRecord, deleteRecord, updateRecord } from '../services/records.ts';
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
    .query(async ({ ctx, input }) => {
      const partition = await ctx.db.partition.findFirst({ where: { id: input.partitionId, orgId: ctx.orgId } });
      if (!partition) throw new TRPCError({ code: 'NOT_FOUND', message: 'Partition not found.' });
      const where: Prisma.RecordWhereInput = { orgId: ctx.orgId, partitionId: input.partitionId };
      let ids: string[] | undefined;
      if (input.search) {
        // Search inside the jsonb document's values (any field), case-insensitively.
        const rows = await ctx.db.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Record" WHERE "orgId" = ${ctx.orgId}::uuid AND "partitionId" = ${input.partitionId}::uuid
            AND data::text ILIKE ${`%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} LIMIT 5000`;
        ids = rows.map((r) => r.id);
        where.id = { in: ids };
      }
      const items = await ctx.db.record.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const hasMore = items.length > input.limit;
      if (hasMore) items.pop();
      const nextCursor = hasMore ? items[items.length - 1]!.id : null;
      return { items, nextCursor };
    }),

  get: orgProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const record = await ctx.db.record.findFirst({ where: { id: input.id, orgId: ctx.orgId } });
    if (!record) throw new TRPCError({ code: 'NOT_FOUND', message: 'Record not found.' });
    return record;
  }),

  create: orgProcedure
    .input(z.object({ partitionId: id, data: recordData }))
    .mutation(({ ctx, input }) => createRecord(ctx.db, ctx.orgId, input.partitionId, input.data, ctx.now())),

  /** PATCH semantics: the given fields replace their values, null clears one, others are kept. */
  update: orgProcedure
    .input(z.object({ id, data: recordData }))
    .mutation(({ ctx, input }) => updateRecord(ctx.db, ctx.orgId, input.id, input.data, ctx.now())),

  delete: orgProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteRecord(ctx.db, ctx.orgId, input.id, ctx.now())),
});
