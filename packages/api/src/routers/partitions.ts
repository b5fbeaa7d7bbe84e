// Partitions: a named record collection with its field definitions. Input shapes here; the checks against rules
// and records, and the writes, live in services/partitions.ts.
import { fieldDefinitionsSchema } from '@alimflow/automation-core';
import { z } from 'zod';
import { byIdInput, idSchema } from './lib/ids.ts';
import {
  checkPartitionChange,
  createPartition,
  getPartition,
  listPartitions,
  setPartitionArchived,
  updatePartition,
} from '../services/partitions.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

const MAX_FIELDS = 100;

const nameSchema = z.string().trim().min(1, 'Give the partition a name.').max(100, 'Partition names can be at most 100 characters.');
const fieldsSchema = z
  .array(
    z.object({
      key: z.string().trim().min(1, 'Field key is required').max(100, 'Field keys can be at most 100 characters'),
      label: z.string().trim().min(1, 'Field label is required').max(100, 'Field labels can be at most 100 characters'),
      type: z.enum(['text', 'number', 'date', 'select', 'phone'], { error: 'Field type must be text, number, date, select or phone' }),
      options: z.array(z.string().trim().min(1, 'Options cannot be empty').max(100)).max(200).optional(),
    }),
  )
  .max(MAX_FIELDS, `A partition can have at most ${MAX_FIELDS} fields`)
  // Duplicate keys and select options are automation-core's rules.
  .pipe(fieldDefinitionsSchema);
/** null = no default phone field. */
const phoneFieldSchema = z.string().trim().min(1).max(100).nullable();

export const partitionCreateInput = z.object({
  name: nameSchema,
  fields: fieldsSchema,
  phoneField: phoneFieldSchema.optional(),
});

export const partitionUpdateInput = z.object({
  id: idSchema,
  name: nameSchema.optional(),
  fields: fieldsSchema.optional(),
  phoneField: phoneFieldSchema.optional(),
  /** Turn off the active rules this change would break (named in the answer) instead of refusing it. */
  deactivateBrokenRules: z.boolean().optional(),
});

export const partitionsRouter = router({
  /** Archived partitions only with includeArchived (the partition editor); the records screen sees active ones. */
  list: orgProcedure
    .input(z.object({ includeArchived: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listPartitions(ctx, ctx.orgId, { includeArchived: input?.includeArchived ?? false })),

  get: orgProcedure.input(byIdInput).query(({ ctx, input }) => getPartition(ctx, ctx.orgId, input.id)),

  create: adminProcedure.input(partitionCreateInput).mutation(async ({ ctx, input }) => {
    const row = await createPartition(ctx, ctx.orgId, input);
    ctx.logger.info({ orgId: ctx.orgId, partitionId: row.id }, 'partition created');
    return row;
  }),

  /** Dry run of update: the active rules the change would break, and retyped fields that hold values. */
  checkUpdate: adminProcedure.input(partitionUpdateInput.omit({ deactivateBrokenRules: true })).mutation(async ({ ctx, input }) => {
    const { brokenRules, retypedWithData } = await checkPartitionChange(ctx, ctx.orgId, input.id, input);
    return { brokenRules, retypedWithData };
  }),

  update: adminProcedure.input(partitionUpdateInput).mutation(({ ctx, input }) => updatePartition(ctx, ctx.orgId, input.id, input)),

  archive: adminProcedure
    .input(byIdInput.extend({ deactivateRules: z.boolean().optional() }))
    .mutation(({ ctx, input }) => setPartitionArchived(ctx, ctx.orgId, input.id, true, { deactivateRules: input.deactivateRules })),

  restore: adminProcedure.input(byIdInput).mutation(({ ctx, input }) => setPartitionArchived(ctx, ctx.orgId, input.id, false)),
});
