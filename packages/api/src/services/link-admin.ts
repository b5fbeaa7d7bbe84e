// Creating, changing, switching and deleting template links: each checked against its partition's fields and its
// template (services/links.ts), and each ending the link's pending repeat series when it stops sending.
import { partitionFields } from '@alimflow/automation-core';
import type { Prisma } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { invalid, notFound, NOUN, words } from '../errors.ts';
import { iso } from '../lib/dates.ts';
import { fallbackColumns } from './fallback.ts';
import { draftFromRow, jsonColumns, linkProblems, sendWindowColumn, type LinkDraft } from './links.ts';
import { assertPartitionWritable } from './partition-lookup.ts';
import {
  assertNameFree,
  cancelPendingRepeats,
  linkInclude,
  linkOutput,
  loadLink,
  loadPartition,
  loadTemplate,
  toLinkOutput,
} from './link-store.ts';

import type { Language } from '../security/language.ts';

type Deps = Pick<AppDeps, 'db' | 'logger'>;
/** Who changes the link, in which org, at what time. */
export interface LinkActor {
  orgId: string;
  userId: string;
  now: Date;
  /** The caller's language, for the problems a refusal and the answer name. */
  language: Language;
}

/** A link that cannot be saved (or switched on), in the caller's language. */
function refused(problems: string[], language: Language, action: 'save' | 'turnOn') {
  const text = problems.join(' ');
  if (action === 'save') return invalid(language === 'ko' ? `규칙을 저장할 수 없습니다: ${text}` : `The link cannot be saved: ${text}`);
  return invalid(language === 'ko' ? `규칙을 켤 수 없습니다: ${text} 먼저 규칙을 고치세요.` : `The link cannot be turned on: ${text} Edit the link first.`);
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function createLink(deps: Deps, actor: LinkActor, input: LinkDraft) {
  const scope = { db: deps.db, orgId: actor.orgId };
  const partition = await loadPartition(scope, input.partitionId);
  assertPartitionWritable(partition);
  const template = await loadTemplate(scope, input.templateId);
  const problems = linkProblems(input, partitionFields(partition.fields), template, actor.language);
  if (problems.length > 0) throw refused(problems, actor.language, 'save');
  await assertNameFree(scope, partition.id, input.name);

  const row = await deps.db.alimtalkTemplateLink.create({
    data: {
      orgId: actor.orgId,
      partitionId: partition.id,
      templateId: template.id,
      name: input.name,
      recipientField: input.recipientField,
      variableMappings: input.variableMappings,
      triggerType: input.triggerType,
      fireOn: input.fireOn,
      cooldownHours: input.cooldownHours,
      isActive: input.isActive,
      createdById: actor.userId,
      ...(input.sendWindow ? { sendWindow: sendWindowColumn(input.sendWindow) } : {}),
      ...jsonColumns(input),
      ...(input.fallback ? fallbackColumns(input.fallback) : {}),
    },
    include: linkInclude,
  });
  deps.logger.info({ orgId: actor.orgId, linkId: row.id, userId: actor.userId }, 'template link created');
  return toLinkOutput(row, actor.language);
}

/** Absent fields stay as they are; the link stays in its partition. */
export async function updateLink(deps: Deps, actor: LinkActor, id: string, given: Partial<LinkDraft>) {
  const scope = { db: deps.db, orgId: actor.orgId };
  const existing = await loadLink(scope, id);
  const { partitionId, ...rest } = given;
  // Its logs, events and repeat series belong to records of this partition.
  if (partitionId !== undefined && partitionId !== existing.partitionId) {
    throw invalid(words('규칙은 다른 파티션으로 옮길 수 없습니다. 그 파티션에 새 규칙을 만드세요.', 'A link cannot move to another partition; create a new link there instead.'));
  }
  const changes = definedOnly(rest);
  const before = draftFromRow(existing);
  const draft: LinkDraft = { ...before, ...changes };

  const partition = await loadPartition(scope, existing.partitionId);
  // An archived partition's rules stay as they were until it is restored (turning one off or deleting it is fine).
  assertPartitionWritable(partition);
  const template = await loadTemplate(scope, draft.templateId);
  const problems = linkProblems(draft, partitionFields(partition.fields), template, actor.language);
  if (problems.length > 0) throw refused(problems, actor.language, 'save');
  if (changes.name !== undefined && changes.name !== existing.name) await assertNameFree(scope, partition.id, changes.name, id);

  const json = jsonColumns(draft);
  const data: Prisma.AlimtalkTemplateLinkUncheckedUpdateInput = {
    ...definedOnly({
      templateId: changes.templateId,
      name: changes.name,
      recipientField: changes.recipientField,
      variableMappings: changes.variableMappings,
      triggerType: changes.triggerType,
      fireOn: changes.fireOn,
      cooldownHours: changes.cooldownHours,
      isActive: changes.isActive,
    }),
    ...('triggerCondition' in changes ? { triggerCondition: json.triggerCondition } : {}),
    ...('repeatConfig' in changes ? { repeatConfig: json.repeatConfig } : {}),
    ...(changes.fallback ? fallbackColumns(changes.fallback) : {}),
    ...('sendWindow' in changes ? { sendWindow: sendWindowColumn(changes.sendWindow ?? null) } : {}),
  };

  return deps.db.$transaction(async (tx) => {
    // The where on deletedAt makes a concurrent delete win: the update then finds nothing (P2025 → NOT_FOUND).
    await tx.alimtalkTemplateLink.update({ where: { id, orgId: actor.orgId, deletedAt: null }, data });
    const endReason = before.isActive && !draft.isActive ? 'link_inactive' : before.repeatConfig && !draft.repeatConfig ? 'repeat_disabled' : null;
    const cancelledRepeats = endReason
      ? await cancelPendingRepeats(tx, { orgId: actor.orgId, linkId: id, reason: endReason, userId: actor.userId, now: actor.now })
      : 0;
    return { ...(await linkOutput(tx, id, actor.language)), cancelledRepeats };
  });
}

export async function setLinkActive(deps: Deps, actor: LinkActor, id: string, isActive: boolean) {
  const scope = { db: deps.db, orgId: actor.orgId };
  const link = await loadLink(scope, id);
  if (isActive) {
    // The partition's fields may have changed while the link was off.
    const partition = await loadPartition(scope, link.partitionId);
    assertPartitionWritable(partition);
    const template = await loadTemplate(scope, link.templateId);
    const problems = linkProblems(draftFromRow(link), partitionFields(partition.fields), template, actor.language);
    if (problems.length > 0) throw refused(problems, actor.language, 'turnOn');
  }
  return deps.db.$transaction(async (tx) => {
    await tx.alimtalkTemplateLink.update({ where: { id: link.id, orgId: actor.orgId, deletedAt: null }, data: { isActive } });
    const cancelledRepeats = isActive
      ? 0
      : await cancelPendingRepeats(tx, { orgId: actor.orgId, linkId: link.id, reason: 'link_inactive', userId: actor.userId, now: actor.now });
    deps.logger.info({ orgId: actor.orgId, linkId: link.id, isActive, cancelledRepeats }, 'template link toggled');
    return { ...(await linkOutput(tx, link.id, actor.language)), cancelledRepeats };
  });
}

/** Soft delete: send logs and events keep their link; its pending repeat series end with it. */
export async function deleteLink(deps: Deps, actor: LinkActor, id: string) {
  const { now } = actor;
  return deps.db.$transaction(async (tx) => {
    // isActive off too, so anything that reads only the flag stops as well.
    const { count } = await tx.alimtalkTemplateLink.updateMany({
      where: { id, orgId: actor.orgId, deletedAt: null },
      data: { deletedAt: now, isActive: false },
    });
    if (count === 0) throw notFound(NOUN.link);
    const cancelledRepeats = await cancelPendingRepeats(tx, { orgId: actor.orgId, linkId: id, reason: 'link_deleted', userId: actor.userId, now });
    deps.logger.info({ orgId: actor.orgId, linkId: id, cancelledRepeats }, 'template link deleted');
    return { id, deletedAt: iso(now), cancelledRepeats };
  });
}

/** Links of the org, newest first; a filter on another org's partition or template is NOT_FOUND, not an empty list. */
export async function listLinks(
  deps: Pick<AppDeps, 'db'>,
  orgId: string,
  filter: { partitionId?: string; templateId?: string; triggerType?: LinkDraft['triggerType']; isActive?: boolean } = {},
  language: Language = 'ko',
) {
  const scope = { db: deps.db, orgId };
  if (filter.partitionId) await loadPartition(scope, filter.partitionId);
  if (filter.templateId) await loadTemplate(scope, filter.templateId);
  const rows = await deps.db.alimtalkTemplateLink.findMany({
    where: { orgId, deletedAt: null, ...definedOnly(filter) },
    include: linkInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map((row) => toLinkOutput(row, language));
}
