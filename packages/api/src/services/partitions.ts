// Partitions and their fields: the DB work behind the partitions router. A field change is checked against the
// rules (template links) that read those fields, and against the records that hold values, so an edit can never
// silently break an automation or reinterpret stored data.
import { partitionFields, type FieldDefinition } from '@alimflow/automation-core';
import { Prisma, type Partition } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { iso } from '../lib/dates.ts';
import { conflict, invalid as badRequest, notFound } from '../errors.ts';
import { draftFromRow, linkProblems } from './links.ts';

type Deps = Pick<AppDeps, 'db'>;

export interface PartitionChange {
  name?: string | undefined;
  fields?: FieldDefinition[] | undefined;
  /** null = no default phone field. */
  phoneField?: string | null | undefined;
}

export interface BrokenRule {
  id: string;
  name: string;
  problems: string[];
}

const withCounts = { _count: { select: { records: true, links: { where: { deletedAt: null } } } } } as const;

function toOutput(p: Partition & { _count: { records: number; links: number } }) {
  return {
    id: p.id,
    name: p.name,
    fields: partitionFields(p.fields),
    phoneField: p.phoneField,
    archivedAt: p.archivedAt ? iso(p.archivedAt) : null,
    recordCount: p._count.records,
    linkCount: p._count.links,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

function checkPhoneField(phoneField: string | null, fields: readonly FieldDefinition[]): void {
  if (phoneField === null) return;
  const field = fields.find((f) => f.key === phoneField);
  if (!field) throw badRequest(`Phone field "${phoneField}" is not one of the partition's fields.`);
  if (field.type !== 'phone') throw badRequest(`Phone field "${field.label}" must be a phone field, not a ${field.type} field.`);
}

const nameTaken = (name: string) => conflict(`A partition named "${name}" already exists; choose another name.`);

async function assertNameFree(deps: Deps, orgId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await deps.db.partition.findFirst({
    where: { orgId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken(name);
}

/** The unique (orgId, name) index is the real guard; a concurrent create loses with the same message. */
function nameConflict(error: unknown, name: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw nameTaken(name);
  throw error;
}

async function loadPartition(deps: Deps, orgId: string, id: string) {
  const row = await deps.db.partition.findFirst({ where: { id, orgId } });
  if (!row) throw notFound('Partition');
  return row;
}

/**
 * Active rules the new fields would break, each with what breaks. Only new problems count, so a rule that was
 * already broken does not block unrelated field edits.
 */
async function rulesBrokenBy(deps: Deps, partition: Partition, next: readonly FieldDefinition[]): Promise<BrokenRule[]> {
  const links = await deps.db.alimtalkTemplateLink.findMany({
    where: { orgId: partition.orgId, partitionId: partition.id, isActive: true, deletedAt: null },
    include: { template: { select: { content: true } } },
    orderBy: { name: 'asc' },
  });
  const current = partitionFields(partition.fields);
  const broken: BrokenRule[] = [];
  for (const link of links) {
    const draft = draftFromRow(link);
    const before = new Set(linkProblems(draft, current, link.template));
    const added = linkProblems(draft, next, link.template).filter((p) => !before.has(p));
    if (added.length > 0) broken.push({ id: link.id, name: link.name, problems: added.map((p) => p.replace(/\.$/, '')) });
  }
  return broken;
}

/** Fields whose type would change while records hold values for them: those values would be read differently. */
async function retypedFieldsWithData(deps: Deps, partition: Partition, next: readonly FieldDefinition[]) {
  const current = new Map(partitionFields(partition.fields).map((f) => [f.key, f]));
  const retyped = next.filter((f) => {
    const was = current.get(f.key);
    return was !== undefined && was.type !== f.type;
  });
  const blocked: { key: string; label: string; from: string; to: string; records: number }[] = [];
  for (const f of retyped) {
    const [row] = await deps.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Record" WHERE "partitionId" = ${partition.id}::uuid AND data -> ${f.key} IS NOT NULL
        AND data -> ${f.key} <> 'null'::jsonb AND data -> ${f.key} <> '""'::jsonb`;
    const records = Number(row?.n ?? 0);
    if (records > 0) blocked.push({ key: f.key, label: f.label, from: current.get(f.key)!.type, to: f.type, records });
  }
  return blocked;
}

export async function listPartitions(deps: Deps, orgId: string, options: { includeArchived?: boolean } = {}) {
  const rows = await deps.db.partition.findMany({
    where: { orgId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    include: withCounts,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toOutput);
}

export async function getPartition(deps: Deps, orgId: string, id: string) {
  const row = await deps.db.partition.findFirst({ where: { id, orgId }, include: withCounts });
  if (!row) throw notFound('Partition');
  return toOutput(row);
}

export async function createPartition(deps: Deps, orgId: string, input: { name: string; fields: FieldDefinition[]; phoneField?: string | null | undefined }) {
  const phoneField = input.phoneField ?? null;
  checkPhoneField(phoneField, input.fields);
  await assertNameFree(deps, orgId, input.name);
  const row = await deps.db.partition
    .create({ data: { orgId, name: input.name, fields: input.fields, phoneField }, include: withCounts })
    .catch((error: unknown) => nameConflict(error, input.name));
  return toOutput(row);
}

/** What an update would do, without doing it: the rules it would break and the retyped fields that hold data. */
export async function checkPartitionChange(deps: Deps, orgId: string, id: string, change: PartitionChange) {
  const existing = await loadPartition(deps, orgId, id);
  const fields = change.fields ?? partitionFields(existing.fields);
  const phoneField = change.phoneField !== undefined ? change.phoneField : existing.phoneField;
  checkPhoneField(phoneField, fields);
  if (change.name !== undefined && change.name !== existing.name) await assertNameFree(deps, orgId, change.name, existing.id);
  if (!change.fields) return { existing, brokenRules: [], retypedWithData: [] };
  return {
    existing,
    brokenRules: await rulesBrokenBy(deps, existing, change.fields),
    retypedWithData: await retypedFieldsWithData(deps, existing, change.fields),
  };
}


/**
 * Saves the change. Broken rules refuse it (naming them) unless the caller chose to turn those rules off, which
 * then happens in the same transaction. A type change over stored values is always refused: records are never
 * rewritten behind the admin's back.
 */
export async function updatePartition(deps: Deps, orgId: string, id: string, change: PartitionChange & { deactivateBrokenRules?: boolean | undefined }) {
  const { existing, brokenRules, retypedWithData } = await checkPartitionChange(deps, orgId, id, change);
  if (retypedWithData.length > 0) {
    const list = retypedWithData.map((f) => `"${f.label}" (${f.from} → ${f.to}, ${f.records} records have values)`).join('; ');
    throw badRequest(`Cannot change the type of fields that hold values: ${list}. Add a new field of the new type instead.`);
  }
  if (brokenRules.length > 0 && !change.deactivateBrokenRules) {
    const list = brokenRules.map((r) => `"${r.name}" (${r.problems.join('; ')})`).join('; ');
    throw badRequest(`These field changes would break active links: ${list}. Change or turn off those links first.`);
  }
  const row = await deps.db
    .$transaction(async (tx) => {
      if (brokenRules.length > 0) {
        await tx.alimtalkTemplateLink.updateMany({ where: { orgId, id: { in: brokenRules.map((r) => r.id) } }, data: { isActive: false } });
      }
      return tx.partition.update({
        where: { id: existing.id, orgId },
        data: {
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.fields ? { fields: change.fields } : {}),
          ...(change.phoneField !== undefined ? { phoneField: change.phoneField } : {}),
        },
        include: withCounts,
      });
    })
    .catch((error: unknown) => nameConflict(error, change.name ?? existing.name));
  return { ...toOutput(row), deactivatedRules: brokenRules.map((r) => ({ id: r.id, name: r.name })) };
}

/**
 * Archiving hides a partition from the records screen and the rule builder; records and logs stay. Active rules
 * would keep firing on API writes, so they are named and the archive refused unless the caller turns them off.
 */
export async function setPartitionArchived(deps: Deps, orgId: string, id: string, archived: boolean, options: { deactivateRules?: boolean | undefined } = {}) {
  const existing = await loadPartition(deps, orgId, id);
  const active = archived
    ? await deps.db.alimtalkTemplateLink.findMany({
        where: { orgId, partitionId: existing.id, isActive: true, deletedAt: null },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      })
    : [];
  if (active.length > 0 && !options.deactivateRules) {
    throw conflict(`Active rules use this partition: ${active.map((l) => `"${l.name}"`).join(', ')}. Turn them off first, or archive with deactivateRules.`);
  }
  const row = await deps.db.$transaction(async (tx) => {
    if (active.length > 0) await tx.alimtalkTemplateLink.updateMany({ where: { orgId, id: { in: active.map((l) => l.id) } }, data: { isActive: false } });
    return tx.partition.update({ where: { id: existing.id, orgId }, data: { archivedAt: archived ? (existing.archivedAt ?? new Date()) : null }, include: withCounts });
  });
  return { ...toOutput(row), deactivatedRules: active };
}
