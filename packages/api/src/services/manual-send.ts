// Sends an admin starts by hand: FR "manual" sends to chosen records (retries of failed sends: send-retry.ts).
import { partitionFields } from '@alimflow/automation-core';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import { DomainError, invalid, notFound, NOUN, words } from '../errors.ts';
import type { Language } from '../security/language.ts';
import { manualSendControls } from './manual-send-controls.ts';
import { SEARCH_LIMIT, searchRecordIds } from './record-search.ts';
import { assessSend, decideSend, skipDetail, type SendDecision, type SkipReason } from './send-decision.ts';

/** Which records a manual send goes to: chosen rows, or every record of the link's partition a search matches. */
export type ManualTargets = { recordIds: string[] } | { matching: { search?: string | undefined } };

export interface ManualSendInput {
  orgId: string;
  linkId: string;
  targets: ManualTargets;
  /** Skip records this rule reached inside its cooldown (off by default: a manual send is an explicit choice). */
  applyCooldown?: boolean | undefined;
}

async function loadManualSend(deps: AppDeps, input: ManualSendInput) {
  const { db } = deps;
  const link = await db.alimtalkTemplateLink.findFirst({
    where: { id: input.linkId, orgId: input.orgId, deletedAt: null },
    include: { template: true, partition: true },
  });
  if (!link) throw notFound(NOUN.link);
  let ids: string[];
  if ('recordIds' in input.targets) {
    ids = input.targets.recordIds;
  } else {
    const search = input.targets.matching.search?.trim();
    ids = search
      ? await searchRecordIds(db, input.orgId, link.partitionId, search, SEARCH_LIMIT + 1)
      : (await db.record.findMany({ where: { orgId: input.orgId, partitionId: link.partitionId }, select: { id: true }, take: SEARCH_LIMIT + 1, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })).map((r) => r.id);
    if (ids.length > SEARCH_LIMIT) {
      throw invalid(
        words(
          `검색에 맞는 레코드가 ${SEARCH_LIMIT.toLocaleString('ko')}건을 넘습니다. 검색을 좁혀 나눠서 보내세요.`,
          `More than ${SEARCH_LIMIT.toLocaleString('en')} records match; narrow the search and send in parts.`,
        ),
      );
    }
    if (ids.length === 0) throw invalid(words('검색에 맞는 레코드가 없습니다.', 'No records match this search.'));
  }
  const records = await db.record.findMany({ where: { id: { in: ids }, orgId: input.orgId, partitionId: link.partitionId } });
  const found = new Set(records.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw new DomainError('not_found', words(`이 규칙의 파티션에 없는 레코드입니다: ${missing.join(', ')}`, `Records not found in this link's partition: ${missing.join(', ')}`));
  }
  return { link, records, fields: partitionFields(link.partition.fields) };
}

/**
 * What a manual send would do, without doing it: how many would go out, how many would be skipped and why, and
 * the message one recipient would get. The same checks as the send itself (assessSend), and per recipient where an
 * automatic send would have waited for the window or hit the cap (a manual send does neither).
 */
export async function previewManual(deps: AppDeps, input: ManualSendInput & { language?: Language }) {
  const now = deps.now();
  const { link, records, fields } = await loadManualSend(deps, input);
  const skipped = new Map<SkipReason, number>();
  let send = 0;
  let sample: { recordId: string; recipientNo: string; content: string } | null = null;
  const sendable: Parameters<typeof manualSendControls>[3] = [];
  for (const record of records) {
    const check = await assessSend(deps.db, {
      link,
      recordId: record.id,
      data: record.data as Record<string, unknown>,
      fields,
      now,
      applyCooldown: input.applyCooldown ?? false,
    });
    if (check.action === 'skip') {
      skipped.set(check.skip.reason, (skipped.get(check.skip.reason) ?? 0) + 1);
    } else {
      send++;
      sendable.push({ recordId: record.id, data: record.data as Record<string, unknown>, check });
      if (!sample && check.phone.ok && check.rendered.ok) sample = { recordId: record.id, recipientNo: check.phone.value, content: check.rendered.text };
    }
  }
  return {
    total: records.length,
    send,
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
    sample,
    delivery: await manualSendControls(deps.db, { orgId: input.orgId, now, language: input.language ?? 'ko' }, link, sendable),
    link: { id: link.id, name: link.name, templateName: link.template.name, templateCode: link.template.templateCode },
  };
}

export async function sendManual(deps: AppDeps, input: ManualSendInput & { requestKey?: string | undefined; userId: string }) {
  const { db } = deps;
  const now = deps.now();
  const { link, records, fields } = await loadManualSend(deps, input);
  // A client may pass its own key so a double-clicked "send" or a retried request sends once.
  const requestKey = input.requestKey ?? randomUUID();
  const results: Array<{ recordId: string } & SendDecision> = [];
  for (const record of records) {
    const decision = await db.$transaction(async (tx) => {
      const d = await decideSend(tx, {
        orgId: input.orgId,
        link,
        recordId: record.id,
        data: record.data as Record<string, unknown>,
        fields,
        triggerType: 'manual',
        dedupeKey: `manual:${link.id}:${record.id}:${requestKey}`,
        now,
        applyCooldown: input.applyCooldown ?? false,
        recordSkips: true,
      });
      if (d.outcome !== 'duplicate') {
        await tx.automationEvent.create({
          data: {
            orgId: input.orgId,
            linkId: link.id,
            recordId: record.id,
            event: 'manual',
            decision: d.outcome === 'queued' ? 'fired' : 'skipped',
            reason: d.outcome === 'skipped' ? d.reason : null,
            sendLogId: d.sendLogId,
            detail: { by: input.userId, ...(d.outcome === 'skipped' ? skipDetail(d) : {}) },
            createdAt: now,
          },
        });
      }
      return d;
    });
    results.push({ recordId: record.id, ...decision });
  }
  return {
    queued: results.filter((r) => r.outcome === 'queued').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    results,
  };
}
