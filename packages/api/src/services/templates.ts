// AlimTalk templates as last synced from the org's provider. NHN owns them (approval happens there); we keep a copy
// so links can be validated and rendered without calling NHN.
import { isProviderError, ProviderConfigError, type AlimtalkProvider, type ProviderError } from '@alimflow/alimtalk';
import { extractVariables } from '@alimflow/automation-core';
import type { AppDeps } from '../deps.ts';
import { precondition, unavailable, words, type DomainError, type Words } from '../errors.ts';
import { iso } from '../lib/dates.ts';
import { StoredSecretUnreadableError } from './provider-resolver.ts';
import { SENDABLE_STATUS, templateSummary } from './template-summary.ts';

type Scope = Pick<AppDeps, 'db' | 'logger' | 'now' | 'providerForOrg'> & { orgId: string };

export interface TemplatesFilter {
  sendableOnly?: boolean | undefined;
  /** Only templates of the sender key the org sends with now (sandbox and NHN keep separate copies). */
  currentSenderOnly?: boolean | undefined;
}

function providerFailure(error: ProviderError, action: Words): DomainError {
  if (error.kind === 'permanent') {
    return precondition(
      words(
        `NHN이 ${action.ko} 요청을 거절했습니다 (코드 ${error.code}: ${error.providerMessage}). 설정에서 앱 키, 시크릿 키, 발신 키를 확인하세요.`,
        `NHN refused to ${action.en} (code ${error.code}: ${error.providerMessage}). Check the app key, secret key and sender key in Settings.`,
      ),
    );
  }
  return unavailable(words(`NHN이 제대로 응답하지 않았습니다 (코드 ${error.code}). 잠시 뒤 다시 시도하세요.`, `NHN did not answer properly (code ${error.code}). Try again in a minute.`));
}

async function resolveProvider(ctx: Scope): Promise<{ provider: AlimtalkProvider; mode: 'nhn' | 'sandbox'; senderKey: string }> {
  try {
    return await ctx.providerForOrg(ctx.orgId);
  } catch (error) {
    if (error instanceof ProviderConfigError) {
      const missing = error.missing.join(', ');
      throw precondition(words(`NHN 설정이 다 채워지지 않았습니다: ${missing}. 설정에서 채우세요.`, `NHN settings are incomplete: missing ${missing}. Complete them in Settings.`));
    }
    if (error instanceof StoredSecretUnreadableError) {
      throw precondition(error.message);
    }
    throw error;
  }
}

/** The sender key sends use now, or null when the NHN settings are incomplete. */
async function currentSenderKey(ctx: Scope): Promise<string | null> {
  try {
    return (await ctx.providerForOrg(ctx.orgId)).senderKey || null;
  } catch (error) {
    if (error instanceof ProviderConfigError || error instanceof StoredSecretUnreadableError) return null;
    throw error;
  }
}

export async function listTemplates(ctx: Scope, input: TemplatesFilter | undefined) {
  const senderKey = await currentSenderKey(ctx);
  const rows = await ctx.db.alimtalkTemplate.findMany({
    where: {
      orgId: ctx.orgId,
      ...(input?.sendableOnly ? { status: SENDABLE_STATUS } : {}),
      ...(input?.currentSenderOnly ? { senderKey: senderKey ?? '' } : {}),
    },
    include: { _count: { select: { links: { where: { deletedAt: null } } } } },
    orderBy: [{ name: 'asc' }, { templateCode: 'asc' }],
  });
  return rows.map((t) => ({
    ...templateSummary(t),
    content: t.content,
    senderKey: t.senderKey,
    isCurrentSender: t.senderKey === senderKey,
    linkCount: t._count.links,
    syncedAt: iso(t.syncedAt),
  }));
}

/** Copies the provider's templates for the current sender key: created, updated, unchanged, and missing there. */
export async function syncTemplates(ctx: Scope) {
  const { provider, mode, senderKey } = await resolveProvider(ctx);
  if (!senderKey) {
    throw precondition(words('템플릿을 동기화하기 전에 설정에서 발신 키를 입력하세요.', 'Enter the sender key in Settings before syncing templates.'));
  }
  let remote;
  try {
    remote = await provider.listTemplates(senderKey);
  } catch (error) {
    if (isProviderError(error)) throw providerFailure(error, words('템플릿 목록', 'list the templates'));
    throw error;
  }

  const now = ctx.now();
  const counts = await ctx.db.$transaction(async (tx) => {
    const existing = new Map(
      (await tx.alimtalkTemplate.findMany({ where: { orgId: ctx.orgId, senderKey } })).map((t) => [t.templateCode, t]),
    );
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const t of remote) {
      const data = { name: t.name, content: t.content, variables: extractVariables(t.content), status: t.status, syncedAt: now };
      const old = existing.get(t.templateCode);
      existing.delete(t.templateCode);
      if (!old) created++;
      else if (old.name === data.name && old.content === data.content && old.status === data.status) unchanged++;
      else updated++;
      await tx.alimtalkTemplate.upsert({
        where: { orgId_senderKey_templateCode: { orgId: ctx.orgId, senderKey, templateCode: t.templateCode } },
        create: { orgId: ctx.orgId, senderKey, templateCode: t.templateCode, ...data },
        update: data,
      });
    }
    // Kept, not deleted: links and logs still point at them. Listed so the admin can see what NHN no longer has.
    const missingAtProvider = [...existing.keys()].sort();
    return { created, updated, unchanged, missingAtProvider };
  });
  ctx.logger.info({ orgId: ctx.orgId, mode, total: remote.length, ...counts }, 'templates synced');
  return { mode, senderKey, total: remote.length, ...counts, syncedAt: iso(now) };
}
