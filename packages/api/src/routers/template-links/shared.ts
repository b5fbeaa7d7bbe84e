// What every template-link operation shares: the input fields, the cross-checks against the partition and the
// template, the output shape, and ending a link's pending repeat series. Condition, mapping and repeat rules are
// automation-core's; this file only applies them to rows.
import { storedCondition, storedMappings, storedRepeatConfig } from '../../services/links.ts';
import {
  checkVariableMappings,
  conditionProblems,
  cooldownHoursSchema,
  describeCondition,
  fireOnSchema,
  isRecipientField,
  optionalConditionSchema,
  repeatConfigSchema,
  triggerTypeSchema,
  validateConditionAgainstFields,
  type Condition,
  type FieldDefinition,
  type FireOn,
  type RepeatConfig,
  type TriggerType,
} from '@alimflow/automation-core';
import { Prisma, type AlimtalkTemplate, type AlimtalkTemplateLink } from '@alimflow/db';
import { z } from 'zod';
import type { Tx } from '../../services/jobs.ts';
import { loadPartition as loadPartitionOf } from '../../services/partition-lookup.ts';
import { endSeries } from '../../services/repeat-series.ts';
import type { OrgContext } from '../../trpc.ts';
import { iso } from '../lib/dates.ts';
import { partitionFields } from '../lib/fields.ts';
import { idSchema } from '../lib/ids.ts';
import { conflict, notFound } from '../lib/procedures.ts';
import { templateSummary, TEMPLATE_STATUS_TEXT, SENDABLE_STATUS } from '../templates.ts';

// ── input ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const linkNameSchema = z.string().trim().min(1, 'Give the link a name.').max(100, 'Link names can be at most 100 characters.');
export const recipientFieldSchema = z
  .string()
  .trim()
  .min(1, 'Choose the field that holds the phone number.')
  .max(100, 'Recipient field key is too long.');
export const variableMappingsSchema = z.record(
  z.string().min(1).max(100),
  z.string().max(100, 'Field keys can be at most 100 characters.'),
  { error: 'Variable mappings must map template variables to field keys.' },
);

/** Every link field, no defaults: create adds them, update and preview keep "absent" meaning "unchanged". */
export const linkFieldsShape = {
  partitionId: idSchema,
  templateId: idSchema,
  name: linkNameSchema,
  recipientField: recipientFieldSchema,
  variableMappings: variableMappingsSchema,
  triggerType: triggerTypeSchema,
  triggerCondition: optionalConditionSchema,
  fireOn: fireOnSchema,
  repeatConfig: repeatConfigSchema.nullable(),
  cooldownHours: cooldownHoursSchema.unwrap(),
  isActive: z.boolean({ error: 'isActive must be true or false.' }),
};

export const optionalLinkFieldsShape = {
  partitionId: linkFieldsShape.partitionId.optional(),
  templateId: linkFieldsShape.templateId.optional(),
  name: linkFieldsShape.name.optional(),
  recipientField: linkFieldsShape.recipientField.optional(),
  variableMappings: linkFieldsShape.variableMappings.optional(),
  triggerType: linkFieldsShape.triggerType.optional(),
  // Absent stays absent (unchanged); null or {} clears the condition.
  triggerCondition: linkFieldsShape.triggerCondition.optional(),
  fireOn: linkFieldsShape.fireOn.optional(),
  repeatConfig: linkFieldsShape.repeatConfig.optional(),
  cooldownHours: linkFieldsShape.cooldownHours.optional(),
  isActive: linkFieldsShape.isActive.optional(),
};

/** A link as the checks see it: normalised condition and repeat config. */
export interface LinkDraft {
  partitionId: string;
  templateId: string;
  name: string;
  recipientField: string;
  variableMappings: Record<string, string>;
  triggerType: TriggerType;
  triggerCondition: Condition | null;
  fireOn: FireOn;
  repeatConfig: RepeatConfig | null;
  cooldownHours: number;
  isActive: boolean;
}

// ── stored rows ────────────────────────────────────────────────────────────────────────────────────────────────
export { storedCondition, storedMappings, storedRepeatConfig };

export function draftFromRow(link: AlimtalkTemplateLink): LinkDraft {
  return {
    partitionId: link.partitionId,
    templateId: link.templateId,
    name: link.name,
    recipientField: link.recipientField,
    variableMappings: storedMappings(link.variableMappings),
    triggerType: link.triggerType,
    triggerCondition: storedCondition(link.triggerCondition),
    fireOn: link.fireOn === 'every_matching_update' ? 'every_matching_update' : 'became_true',
    repeatConfig: storedRepeatConfig(link.repeatConfig),
    cooldownHours: link.cooldownHours,
    isActive: link.isActive,
  };
}

/** Prisma column values for the JSON parts of a draft (SQL NULL, not JSON null, for "none"). */
export function jsonColumns(draft: Pick<LinkDraft, 'triggerCondition' | 'repeatConfig'>) {
  return {
    triggerCondition: draft.triggerCondition === null ? Prisma.DbNull : (draft.triggerCondition as Prisma.InputJsonValue),
    repeatConfig: draft.repeatConfig === null ? Prisma.DbNull : (draft.repeatConfig as unknown as Prisma.InputJsonValue),
  };
}

export async function loadPartition(ctx: OrgContext, id: string) {
  return loadPartitionOf(ctx.db, ctx.orgId, id);
}

export async function loadTemplate(ctx: OrgContext, id: string): Promise<AlimtalkTemplate> {
  const template = await ctx.db.alimtalkTemplate.findFirst({ where: { id, orgId: ctx.orgId } });
  if (!template) throw notFound('Template');
  return template;
}

/** Deleted links answer NOT_FOUND like other orgs' links: they can no longer be changed. */
export async function loadLink(ctx: OrgContext, id: string): Promise<AlimtalkTemplateLink> {
  const link = await ctx.db.alimtalkTemplateLink.findFirst({ where: { id, orgId: ctx.orgId, deletedAt: null } });
  if (!link) throw notFound('Template link');
  return link;
}

// ── checks ─────────────────────────────────────────────────────────────────────────────────────────────────────
/** Problems that make a link unable to work; each message names what to fix. Empty = savable. */
export function linkProblems(draft: LinkDraft, fields: readonly FieldDefinition[], template: Pick<AlimtalkTemplate, 'content'>): string[] {
  const problems: string[] = [];
  const recipient = fields.find((f) => f.key === draft.recipientField);
  if (!recipient) {
    problems.push(`Recipient field "${draft.recipientField}" is not a field of this partition.`);
  } else if (!isRecipientField(recipient)) {
    problems.push(`Recipient field "${recipient.label}" must be a phone or text field, not a ${recipient.type} field.`);
  }
  for (const p of checkVariableMappings(template.content, draft.variableMappings, fields)) problems.push(`Variables: ${p.message}.`);
  if (draft.triggerCondition) {
    // Only an update has a "before"; change operators elsewhere could never hold.
    const allowChangeOperators = draft.triggerType === 'on_update';
    for (const p of conditionProblems(draft.triggerCondition, fields, { allowChangeOperators })) {
      const hint = p.code === 'change_operator_not_allowed' ? ' (only on_update triggers see a previous value)' : '';
      problems.push(`Trigger condition: ${p.message}${hint}.`);
    }
  }
  if (draft.repeatConfig) {
    if (draft.triggerType === 'manual') problems.push('Repeats need an on_create or on_update trigger; manual links cannot repeat.');
    for (const m of validateConditionAgainstFields(draft.repeatConfig.stopCondition, fields, { allowChangeOperators: false })) {
      problems.push(`Stop condition: ${m}.`);
    }
  }
  return problems;
}

/** Savable but worth saying: the link will not send yet. */
export function linkWarnings(template: Pick<AlimtalkTemplate, 'name' | 'status'>): string[] {
  if (template.status === SENDABLE_STATUS) return [];
  return [
    `Template "${template.name}" is ${TEMPLATE_STATUS_TEXT[template.status]} (${template.status}); this link cannot send until NHN approves it.`,
  ];
}

// ── output ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const linkInclude = {
  template: true,
  partition: true,
  createdBy: { select: { id: true, name: true } },
  _count: { select: { queue: { where: { status: 'pending' as const } } } },
} satisfies Prisma.AlimtalkTemplateLinkInclude;

export type LinkRow = Prisma.AlimtalkTemplateLinkGetPayload<{ include: typeof linkInclude }>;

export function toLinkOutput(row: LinkRow) {
  const fields = partitionFields(row.partition.fields);
  const draft = draftFromRow(row);
  const problems = linkProblems(draft, fields, row.template);
  const warnings = linkWarnings(row.template);
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
    conditionText: describeCondition(draft.triggerCondition, fields, 'ko'),
    fireOn: draft.fireOn,
    repeatConfig: draft.repeatConfig,
    stopConditionText: draft.repeatConfig ? describeCondition(draft.repeatConfig.stopCondition, fields, 'ko') : null,
    cooldownHours: draft.cooldownHours,
    isActive: draft.isActive,
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

export async function linkOutput(db: Tx, id: string): Promise<LinkOutput> {
  const row = await db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id }, include: linkInclude });
  return toLinkOutput(row);
}

// ── repeat series ──────────────────────────────────────────────────────────────────────────────────────────────
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

/** Link names are how admins tell links apart in logs and errors, so they are unique within a partition. */
export async function assertNameFree(ctx: OrgContext, partitionId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await ctx.db.alimtalkTemplateLink.findFirst({
    where: { orgId: ctx.orgId, partitionId, name, deletedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw conflict(`A link named "${name}" already exists in this partition; choose another name.`);
}
