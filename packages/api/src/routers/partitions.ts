// Partitions: a named record collection with its field definitions. Field changes are checked against the active
// links that read those fields, so a rename cannot silently break an automation.
import { fieldDefinitionsSchema, type FieldDefinition } from '@alimflow/automation-core';
import { Prisma, type Partition } from '@alimflow/db';
import { z } from 'zod';
import { iso } from './lib/dates.ts';
import { partitionFields } from './lib/fields.ts';
import { byIdInput, idSchema } from './lib/ids.ts';
import { badRequest, conflict, notFound } from './lib/procedures.ts';
import { draftFromRow, linkProblems } from './template-links/shared.ts';
import { adminProcedure, orgProcedure, router, type OrgContext } from '../trpc.ts';

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
});

function checkPhoneField(phoneField: string | null, fields: readonly FieldDefinition[]): void {
  if (phoneField === null) return;
  const field = fields.find((f) => f.key === phoneField);
  if (!field) throw badRequest(`Phone field "${phoneField}" is not one of the partition's fields.`);
  if (field.type !== 'phone') throw badRequest(`Phone field "${field.label}" must be a phone field, not a ${field.type} field.`);
}

async function assertNameFree(ctx: OrgContext, name: string, exceptId?: string): Promise<void> {
  const clash = await ctx.db.partition.findFirst({
    where: { orgId: ctx.orgId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw conflict(`A partition named "${name}" already exists; choose another name.`);
}

/** The unique (orgId, name) index is the real guard; a concurrent create loses with the same message. */
function nameConflict(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw conflict(`A partition named "${name}" already exists; choose another name.`);
  }
  throw error;
}

/**
 * Active links the new fields would break, each with what breaks. Only new problems count, so a link that was
 * already broken does not block unrelated field edits.
 */
async function linksBrokenBy(ctx: OrgContext, partition: Partition, next: readonly FieldDefinition[]): Promise<string[]> {
  const links = await ctx.db.alimtalkTemplateLink.findMany({
    where: { orgId: ctx.orgId, partitionId: partition.id, isActive: true, deletedAt: null },
    include: { template: { select: { content: true } } },
    orderBy: { name: 'asc' },
  });
  const current = partitionFields(partition.fields);
  const broken: string[] = [];
  for (const link of links) {
    const draft = draftFromRow(link);
    const before = new Set(linkProblems(draft, current, link.template));
    const added = linkProblems(draft, next, link.template).filter((p) => !before.has(p));
    if (added.length > 0) broken.push(`"${link.name}" (${added.map((p) => p.replace(/\.$/, '')).join('; ')})`);
  }
  return broken;
}

function toOutput(p: Partition & { _count: { records: number; links: number } }) {
  return {
    id: p.id,
    name: p.name,
    fields: partitionFields(p.fields),
    phoneField: p.phoneField,
    recordCount: p._count.records,
    linkCount: p._count.links,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

const withCounts = { _count: { select: { records: true, links: { where: { deletedAt: null } } } } } as const;

export const partitionsRouter = router({
  list: orgProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.partition.findMany({
      where: { orgId: ctx.orgId },
      include: withCounts,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toOutput);
  }),

  get: orgProcedure.input(byIdInput).query(async ({ ctx, input }) => {
    const row = await ctx.db.partition.findFirst({ where: { id: input.id, orgId: ctx.orgId }, include: withCounts });
    if (!row) throw notFound('Partition');
    return toOutput(row);
  }),

  create: adminProcedure.input(partitionCreateInput).mutation(async ({ ctx, input }) => {
    const phoneField = input.phoneField ?? null;
    checkPhoneField(phoneField, input.fields);
    await assertNameFree(ctx, input.name);
    const row = await ctx.db.partition
      .create({
        data: { orgId: ctx.orgId, name: input.name, fields: input.fields, phoneField },
        include: withCounts,
      })
      .catch((error: unknown) => nameConflict(error, input.name));
    ctx.logger.info({ orgId: ctx.orgId, partitionId: row.id }, 'partition created');
    return toOutput(row);
  }),

  update: adminProcedure.input(partitionUpdateInput).mutation(async ({ ctx, input }) => {
    const existing = await ctx.db.partition.findFirst({ where: { id: input.id, orgId: ctx.orgId } });
    if (!existing) throw notFound('Partition');
    const fields = input.fields ?? partitionFields(existing.fields);
    const phoneField = input.phoneField !== undefined ? input.phoneField : existing.phoneField;
    checkPhoneField(phoneField, fields);
    if (input.name !== undefined && input.name !== existing.name) await assertNameFree(ctx, input.name, existing.id);
    if (input.fields) {
      const broken = await linksBrokenBy(ctx, existing, input.fields);
      if (broken.length > 0) {
        throw badRequest(
          `These field changes would break active links: ${broken.join('; ')}. Change or turn off those links first.`,
        );
      }
    }
    const row = await ctx.db.partition
      .update({
        where: { id: existing.id, orgId: ctx.orgId },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.fields ? { fields: input.fields } : {}),
          ...(input.phoneField !== undefined ? { phoneField: input.phoneField } : {}),
        },
        include: withCounts,
      })
      .catch((error: unknown) => nameConflict(error, input.name ?? existing.name));
    return toOutput(row);
  }),
});
