// Template links as rows: loading one within an org (NOT_FOUND like another org's), its output shape, the name
// rule, and ending its pending repeat series. Routers and link-admin.ts go through these.
import { describeCondition, partitionFields } from '@alimflow/automation-core';
import type { AlimtalkTemplate, AlimtalkTemplateLink, Prisma } from '@alimflow/db';
import { conflict, notFound, NOUN, words } from '../errors.ts';
import { iso } from '../lib/dates.ts';
import type { Language } from '../security/language.ts';
import { ruleWindowOf } from './delivery-controls.ts';
import type { Tx } from './jobs.ts';
import { linkFallback } from './fallback.ts';
import { draftFromRow, linkProblems, linkWarnings } from './links.ts';
import { loadPartition as loadPartitionOf } from './partition-lookup.ts';
import { endSeries } from './repeat-series.ts';
import { templateSummary } from './template-summary.ts';

/** The org a lookup is confined to (a request's OrgContext is one). */
export interface Scope {
  db: Tx;
  orgId: string;
}

export function loadPartition(scope: Scope, id: string) {
  return loadPartitionOf(scope.db, scope.orgId, id);
}

export async function loadTemplate(scope: Scope, id: string): Promise<AlimtalkTemplate> {
  const template = await scope.db.alimtalkTemplate.findFirst({ where: { id, orgId: scope.orgId } });
  if (!template) throw notFound(NOUN.template);
  return template;
}

/** Deleted links answer NOT_FOUND like other orgs' links: they can no longer be changed. */
export async function loadLink(scope: Scope, id: string): Promise<AlimtalkTemplateLink> {
  const link = await scope.db.alimtalkTemplateLink.findFirst({ where: { id, orgId: scope.orgId, deletedAt: null } });
  if (!link) throw notFound(NOUN.link);
  return link;
}

/** Link names are how admins tell links apart in logs and errors, so they are unique within a partition. */
export async function assertNameFree(scope: Scope, partitionId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await scope.db.alimtalkTemplateLink.findFirst({
    where: { orgId: scope.orgId, partitionId, name, deletedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw conflict(words(`이 파티션에 "${name}" 규칙이 이미 있습니다. 다른 이름을 고르세요.`, `A link named "${name}" already exists in this partition; choose another name.`));
}

// ── output ────────────────────────────────────────────────────────────────────────────────────────────────────
export const linkInclude = {
  template: true,
  partition: true,
  createdBy: { select: { id: true, name: true } },
  _count: { select: { queue: { where: { status: 'pending' as const } } } },
} satisfies Prisma.AlimtalkTemplateLinkInclude;

export type LinkRow = Prisma.AlimtalkTemplateLinkGetPayload<{ include: typeof linkInclude }>;

/** A link as the API answers it; its problems and warnings in the caller's language. */
export function toLinkOutput(row: LinkRow, language: Language = 'ko') {
  const fields = partitionFields(row.partition.fields);
  const draft = draftFromRow(row);
  const problems = linkProblems(draft, fields, row.template, language);
  const warnings = linkWarnings(row.template, language);
  return {
    id: row.id,
    name: row.name,
    partitionId: row.partitionId,
    partitionName: row.partition.name,
    templateId: row.templateId,
    template: templateSummary(row.template),
    recipientField: draft.recipientField,
    variableMappings: draft.variableMappings,
    triggerType: draft.triggerType,
    triggerCondition: draft.triggerCondition,
    /** The condition as a Korean sentence, for lists. */
    conditionText: describeCondition(draft.triggerCondition, fields, language),
    fireOn: draft.fireOn,
    repeatConfig: draft.repeatConfig,
    stopConditionText: draft.repeatConfig ? describeCondition(draft.repeatConfig.stopCondition, fields, language) : null,
    cooldownHours: draft.cooldownHours,
    isActive: draft.isActive,
    /** SMS/LMS fallback (대체 발송): off, or the type, 발신번호, title and text (null = the AlimTalk text, cut). */
    fallback: linkFallback(row),
    /** null = the org default. */
    sendWindow: ruleWindowOf(row),
    /** Approved template and a link that still fits the partition's fields; isActive is separate. */
    canSend: problems.length === 0 && warnings.length === 0,
    problems,
    warnings,
    pendingRepeats: row._count.queue,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export type LinkOutput = ReturnType<typeof toLinkOutput>;

export async function linkOutput(db: Tx, id: string, language: Language = 'ko'): Promise<LinkOutput> {
  const row = await db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id }, include: linkInclude });
  return toLinkOutput(row, language);
}

// ── repeat series ─────────────────────────────────────────────────────────────────────────────────────────────
export type SeriesEndReason = 'link_deleted' | 'link_inactive' | 'repeat_disabled';

/** Cancels the link's pending repeat entries and records why, in the caller's transaction. */
export async function cancelPendingRepeats(
  tx: Tx,
  args: { orgId: string; linkId: string; reason: SeriesEndReason; userId: string; now: Date },
): Promise<number> {
  const ended = await endSeries(tx, { orgId: args.orgId, linkId: args.linkId }, {
    status: 'cancelled',
    reason: args.reason,
    now: args.now,
    detail: (entry) => ({ queueId: entry.id, byUserId: args.userId }),
  });
  return ended.length;
}
