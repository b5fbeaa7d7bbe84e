// What an evaluation batch (and the repeat sweep's claim) reads before it decides, as raw statements on its own
// transaction (a pool transaction: see withPoolTransaction). Each returns the shape Prisma's model query gave
// (Dates, parsed JSON, enums as text), one statement each: a link's template (and partition) come in its row, not
// in further queries as `include` sent them.
import { Prisma, type AlimtalkTemplateLink } from '@alimflow/db';
import type { RawTx } from './jobs.ts';
import type { LinkWithTemplate } from './links.ts';

interface Scope {
  orgId: string;
  partitionId: string;
}

/** The partitions of the batch's events (an archived one too: its records are still evaluated). */
export function partitionsOf(tx: RawTx, scopes: Scope[]): Promise<{ id: string; orgId: string; fields: Prisma.JsonValue }[]> {
  return tx.$queryRaw`
    SELECT p.id::text AS id, p."orgId"::text AS "orgId", p.fields FROM "Partition" p
     WHERE (p.id, p."orgId") IN (SELECT * FROM unnest(${scopes.map((s) => s.partitionId)}::uuid[], ${scopes.map((s) => s.orgId)}::uuid[]))`;
}

/** The live (not deleted) links of those partitions with their templates, oldest first (the order rules fire in). */
export function linksOfScopes(tx: RawTx, scopes: Scope[]): Promise<LinkWithTemplate[]> {
  return linksWithTemplates(tx, Prisma.sql`
    (l."orgId", l."partitionId") IN (SELECT * FROM unnest(${scopes.map((s) => s.orgId)}::uuid[], ${scopes.map((s) => s.partitionId)}::uuid[]))
    AND l."deletedAt" IS NULL`);
}

/** These links (a deleted one too) with their templates and their partition's fields, for the repeat sweep. */
export function linksWithPartitionFields(tx: RawTx, ids: string[]): Promise<(LinkWithTemplate & { partition: { fields: Prisma.JsonValue } })[]> {
  return linksWithTemplates(tx, Prisma.sql`l.id = ANY(${ids}::uuid[])`, Prisma.sql`, p.fields AS "partition.fields"`);
}

// One row per link; "template.x" (and "partition.x") columns become the nested objects Prisma's include gave.
async function linksWithTemplates<T extends LinkWithTemplate>(tx: RawTx, where: Prisma.Sql, extra: Prisma.Sql = Prisma.empty): Promise<T[]> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT l.*, l."triggerType"::text AS "triggerType",
           t.id::text AS "template.id", t."orgId"::text AS "template.orgId", t."senderKey" AS "template.senderKey",
           t."templateCode" AS "template.templateCode", t.name AS "template.name", t.content AS "template.content",
           t.variables AS "template.variables", t.status::text AS "template.status", t."syncedAt" AS "template.syncedAt" ${extra}
      FROM "AlimtalkTemplateLink" l JOIN "AlimtalkTemplate" t ON t.id = l."templateId" JOIN "Partition" p ON p.id = l."partitionId"
     WHERE ${where}
     ORDER BY l."createdAt", l.id`;
  return rows.map((row) => {
    const link: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      const dot = key.indexOf('.');
      if (dot < 0) link[key] = value;
      else ((link[key.slice(0, dot)] ??= {}) as Record<string, unknown>)[key.slice(dot + 1)] = value;
    }
    return link as T;
  });
}

/** The pending repeat series of these records, with what of their link decides whether an update ends them. */
export async function pendingSeriesOf(
  tx: RawTx,
  records: { orgId: string; recordId: string }[],
): Promise<{ id: string; orgId: string; recordId: string; repeatCount: number; link: Pick<AlimtalkTemplateLink, 'repeatConfig' | 'isActive' | 'deletedAt'> }[]> {
  const rows = await tx.$queryRaw<({ id: string; orgId: string; recordId: string; repeatCount: number } & Pick<AlimtalkTemplateLink, 'repeatConfig' | 'isActive' | 'deletedAt'>)[]>`
    SELECT q.id::text AS id, q."orgId"::text AS "orgId", q."recordId"::text AS "recordId", q."repeatCount",
           l."repeatConfig", l."isActive", l."deletedAt"
      FROM "AlimtalkAutomationQueue" q JOIN "AlimtalkTemplateLink" l ON l.id = q."linkId"
     WHERE q.status = 'pending'
       AND (q."orgId", q."recordId") IN (SELECT * FROM unnest(${records.map((r) => r.orgId)}::uuid[], ${records.map((r) => r.recordId)}::uuid[]))
     ORDER BY q."createdAt", q.id`;
  return rows.map(({ repeatConfig, isActive, deletedAt, ...entry }) => ({ ...entry, link: { repeatConfig, isActive, deletedAt } }));
}
