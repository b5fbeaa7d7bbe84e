// Partitions and their fields: the DB work behind the partitions router. A field change is checked against the
// rules (template links) that read those fields, and against the records that hold values, so an edit can never
// silently break an automation or reinterpret stored data.
import { FIELD_TYPE_KO, partitionFields, subjectParticle, type FieldDefinition, type FieldType } from '@alimflow/automation-core';
import { Prisma, type Partition } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { iso } from '../lib/dates.ts';
import { conflict, invalid as badRequest, notFound, NOUN, words } from '../errors.ts';
import type { Language } from '../security/language.ts';
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
  if (!field) {
    throw badRequest(words(`전화번호 필드로 고른 "${phoneField}"${subjectParticle(phoneField)} 이 파티션의 필드에 없습니다.`, `Phone field "${phoneField}" is not one of the partition's fields.`));
  }
  if (field.type !== 'phone') {
    throw badRequest(
      words(
        `"${field.label}"${subjectParticle(field.label)} ${FIELD_TYPE_KO[field.type]} 필드라서 전화번호 필드로 쓸 수 없습니다. 형식이 전화번호인 필드를 고르세요.`,
        `Phone field "${field.label}" must be a phone field, not a ${field.type} field.`,
      ),
    );
  }
}

const nameTaken = (name: string) =>
  conflict(words(`"${name}" 파티션이 이미 있습니다. 다른 이름을 고르세요.`, `A partition named "${name}" already exists; choose another name.`));

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
  if (!row) throw notFound(NOUN.partition);
  return row;
}

/**
 * Active rules the new fields would break, each with what breaks. Only new problems count, so a rule that was
 * already broken does not block unrelated field edits.
 */
async function rulesBrokenBy(deps: Deps, partition: Partition, next: readonly FieldDefinition[], language: Language): Promise<BrokenRule[]> {
  const links = await deps.db.alimtalkTemplateLink.findMany({
    where: { orgId: partition.orgId, partitionId: partition.id, isActive: true, deletedAt: null },
    include: { template: { select: { content: true } } },
    orderBy: { name: 'asc' },
  });
  const current = partitionFields(partition.fields);
  const broken: BrokenRule[] = [];
  for (const link of links) {
    const draft = draftFromRow(link);
    const before = new Set(linkProblems(draft, current, link.template, language));
    const added = linkProblems(draft, next, link.template, language).filter((p) => !before.has(p));
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
  const blocked: { key: string; label: string; from: FieldType; to: FieldType; records: number }[] = [];
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
  if (!row) throw notFound(NOUN.partition);
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
export async function checkPartitionChange(deps: Deps, orgId: string, id: string, change: PartitionChange, language: Language = 'ko') {
  const existing = await loadPartition(deps, orgId, id);
  const fields = change.fields ?? partitionFields(existing.fields);
  const phoneField = change.phoneField !== undefined ? change.phoneField : existing.phoneField;
  checkPhoneField(phoneField, fields);
  if (change.name !== undefined && change.name !== existing.name) await assertNameFree(deps, orgId, change.name, existing.id);
  if (!change.fields) return { existing, brokenRules: [], retypedWithData: [] };
  return {
    existing,
    brokenRules: await rulesBrokenBy(deps, existing, change.fields, language),
    retypedWithData: await retypedFieldsWithData(deps, existing, change.fields),
  };
}


/**
 * Saves the change. Broken rules refuse it (naming them) unless the caller chose to turn those rules off, which
 * then happens in the same transaction. A type change over stored values is always refused: records are never
 * rewritten behind the admin's back.
 */
export async function updatePartition(
  deps: Deps,
  orgId: string,
  id: string,
  change: PartitionChange & { deactivateBrokenRules?: boolean | undefined },
  language: Language = 'ko',
) {
  const { existing, brokenRules, retypedWithData } = await checkPartitionChange(deps, orgId, id, change, language);
  const ko = language === 'ko';
  if (retypedWithData.length > 0) {
    const list = retypedWithData
      .map((f) =>
        ko
          ? `"${f.label}" (${FIELD_TYPE_KO[f.from]} → ${FIELD_TYPE_KO[f.to]}, 값이 있는 레코드 ${f.records}건)`
          : `"${f.label}" (${f.from} → ${f.to}, ${f.records} records have values)`,
      )
      .join('; ');
    throw badRequest(
      ko
        ? `값이 들어 있는 필드의 형식은 바꿀 수 없습니다: ${list}. 새 형식의 필드를 새로 추가하세요.`
        : `Cannot change the type of fields that hold values: ${list}. Add a new field of the new type instead.`,
    );
  }
  if (brokenRules.length > 0 && !change.deactivateBrokenRules) {
    const list = brokenRules.map((r) => `"${r.name}" (${r.problems.join('; ')})`).join('; ');
    throw badRequest(
      ko
        ? `이 필드 변경은 켜져 있는 규칙을 망가뜨립니다: ${list}. 그 규칙을 먼저 고치거나 끄세요.`
        : `These field changes would break active links: ${list}. Change or turn off those links first.`,
    );
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
    const names = active.map((l) => `"${l.name}"`).join(', ');
    throw conflict(
      words(
        `켜져 있는 규칙이 이 파티션을 씁니다: ${names}. 규칙을 먼저 끄거나, 규칙도 함께 끄는 보관(deactivateRules)을 고르세요.`,
        `Active rules use this partition: ${names}. Turn them off first, or archive with deactivateRules.`,
      ),
    );
  }
  const row = await deps.db.$transaction(async (tx) => {
    if (active.length > 0) await tx.alimtalkTemplateLink.updateMany({ where: { orgId, id: { in: active.map((l) => l.id) } }, data: { isActive: false } });
    return tx.partition.update({ where: { id: existing.id, orgId }, data: { archivedAt: archived ? (existing.archivedAt ?? new Date()) : null }, include: withCounts });
  });
  return { ...toOutput(row), deactivatedRules: active };
}
