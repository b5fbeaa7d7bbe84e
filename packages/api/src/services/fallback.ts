// SMS/LMS fallback (대체 발송) of a rule: its columns on the link, its API shape, and the resendParameter each send
// carries. What is cut and how is automation-core's planFallback; this file only reads and writes rows.
import { renderTemplateContent, type ResendParameter } from '@alimflow/alimtalk';
import { FALLBACK_TYPES, planFallback, type FallbackSetting, type FallbackType } from '@alimflow/automation-core';
import { onPool, type AlimtalkSendLog, type AlimtalkTemplateLink, type Db } from '@alimflow/db';

type FallbackColumns = Pick<AlimtalkTemplateLink, 'fallbackType' | 'fallbackSendNo' | 'fallbackTitle' | 'fallbackContent'>;

const isFallbackType = (v: string | null): v is FallbackType => (FALLBACK_TYPES as readonly string[]).includes(v ?? '');

/** A stored row as a setting; a half-filled row (no sender number) reads as off rather than as an unsendable SMS. */
export function linkFallback(link: FallbackColumns): FallbackSetting {
  if (!isFallbackType(link.fallbackType) || !link.fallbackSendNo) return { type: 'off' };
  return { type: link.fallbackType, sendNo: link.fallbackSendNo, title: link.fallbackTitle, content: link.fallbackContent };
}

/** The columns a setting is saved as (all null = off). */
export function fallbackColumns(setting: FallbackSetting): FallbackColumns {
  if (setting.type === 'off') return { fallbackType: null, fallbackSendNo: null, fallbackTitle: null, fallbackContent: null };
  return {
    fallbackType: setting.type,
    fallbackSendNo: setting.sendNo,
    // SMS has no title; keeping one would send it if the rule is switched to LMS later without the admin seeing it.
    fallbackTitle: setting.type === 'LMS' ? setting.title : null,
    fallbackContent: setting.content,
  };
}

/**
 * The resendParameter of one send: the rule's fallback text and title with the send's #{var} values (else the AlimTalk text as
 * sent), cut to the byte limit. A send without a rule gets `isResend: false`: NHN's console may fall back by default.
 */
export function resendParameterFor(setting: FallbackSetting | undefined, log: Pick<AlimtalkSendLog, 'content' | 'templateParameter'>): ResendParameter {
  if (!setting || setting.type === 'off') return { isResend: false };
  const params = (log.templateParameter ?? {}) as Record<string, string>;
  const render = (text: string | null) => (text === null ? null : renderTemplateContent(text, params));
  return planFallback({ ...setting, title: render(setting.title), content: render(setting.content) }, log.content).resendParameter;
}

/** Records on each row which fallback NHN is asked for (one statement per type), before the call. */
export async function recordFallbackAsked(db: Db, rows: { id: string; fallbackType: string | null }[], asked: ResendParameter[], now: Date) {
  const byType = new Map<string | null, string[]>();
  rows.forEach((row, i) => {
    const parameter = asked[i];
    const type = parameter?.isResend ? (parameter.resendType ?? null) : null;
    if (type === row.fallbackType) return;
    byType.set(type, [...(byType.get(type) ?? []), row.id]);
  });
  for (const [fallbackType, ids] of byType) {
    await onPool(db).$executeRaw`UPDATE "AlimtalkSendLog" SET "fallbackType" = ${fallbackType}, "updatedAt" = ${now}
      WHERE id = ANY(${ids}::uuid[]) AND status = 'pending'`;
  }
}
