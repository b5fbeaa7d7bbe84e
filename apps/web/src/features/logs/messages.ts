// The "reason · result" column: what happened to a send, in words, with NHN's own code where it helps.
import { describeWindowWait, isProviderFailureReason, isSendSkipReason } from '@alimflow/automation-core';
import type { Translate } from '@/features/records/event-sentence';

export interface SendLogLike {
  status: string;
  reason: string | null;
  resultCode: string | null;
  resultMessage: string | null;
  deliveryCode?: string | null;
  /** What became of the SMS/LMS fallback: null = none happened. */
  fallbackStatus?: string | null;
  notBefore?: string | null;
  createdAt?: string | null;
}


/** NHN's code and message, e.g. "-3005 Please check template status." (only for failures, where they say why). */
function providerDetail(log: SendLogLike): string | null {
  const code = log.resultCode && log.resultCode !== '0' ? log.resultCode : null;
  const parts = [code, log.resultMessage?.trim() || null].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : null;
}

/** "문자로 대체 발송됨" / "문자 대체 발송 실패", or null when no fallback happened. */
export function fallbackMessage(log: Pick<SendLogLike, 'fallbackStatus'>, t: Translate): string | null {
  return log.fallbackStatus === 'sent' || log.fallbackStatus === 'failed' ? t(`fallback.${log.fallbackStatus}`) : null;
}

/** What happened, and after a KakaoTalk failure what the text message did: "톡 유저 아님 · 문자로 대체 발송됨". */
export function sendLogMessage(log: SendLogLike, t: Translate, lang = 'ko'): string {
  // "발송 가능 시간까지 대기 (내일 09:00)": the opening relative to when the send was decided, in KST.
  if (log.status === 'pending' && log.reason === 'send_window' && log.notBefore) {
    return describeWindowWait(new Date(log.notBefore), new Date(log.createdAt ?? Date.now()), lang.startsWith('en') ? 'en' : 'ko');
  }
  const fallback = fallbackMessage(log, t);
  const main = kakaoMessage(log, t);
  return fallback ? `${main} · ${fallback}` : main;
}

function kakaoMessage(log: SendLogLike, t: Translate): string {
  if (isSendSkipReason(log.reason) || isProviderFailureReason(log.reason)) {
    const words = t(`reason.${log.reason}`);
    const detail = log.status === 'failed' ? providerDetail(log) : null;
    return detail ? `${words} (${detail})` : words;
  }
  switch (log.status) {
    case 'pending':
      if (log.resultMessage?.startsWith('Retry of ')) return t('reason.retryOf');
      // "Attempt 2 failed: …" while a transient NHN error is being retried.
      return log.resultMessage?.startsWith('Attempt ') ? `${t('reason.pending')} (${log.resultMessage})` : t('reason.pending');
    case 'accepted':
      return t('reason.accepted');
    case 'delivered':
      return t('reason.delivered');
    default:
      return providerDetail(log) ?? log.reason ?? '—';
  }
}
