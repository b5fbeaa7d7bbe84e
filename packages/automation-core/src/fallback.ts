// SMS/LMS fallback (대체 발송): when KakaoTalk cannot deliver (not a KakaoTalk user, blocked), NHN sends a text
// message instead, from the rule's sender number, with NHN's `resendParameter`. NHN's SMS service takes EUC-KR and
// cuts what is over its byte limits on the phone; cutting here instead keeps what the customer reads the same as
// what the builder previewed and the log shows.
import { z } from 'zod';
import type { Locale } from './describe.ts';
import type { FittedSmsText } from './euc-kr.ts';
import { fitSmsText } from './euc-kr.ts';

/** NHN SMS limits (EUC-KR bytes): SMS body 90, LMS body 2,000, LMS title 40. */
export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2000;
export const LMS_TITLE_MAX_BYTES = 40;
/** NHN's sendNo is at most 13 characters. */
const SEND_NO_MAX_DIGITS = 13;
/** Fallback text an admin writes is held to the LMS size in characters (bytes are checked when it is cut). */
export const MAX_FALLBACK_CONTENT_LENGTH = LMS_MAX_BYTES;

export const FALLBACK_TYPES = ['SMS', 'LMS'] as const;
export type FallbackType = (typeof FALLBACK_TYPES)[number];

const BODY_LIMIT: Record<FallbackType, number> = { SMS: SMS_MAX_BYTES, LMS: LMS_MAX_BYTES };

export type SendNoResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * A sender number (발신번호) as NHN takes it: digits only. Korean sender numbers are landlines (02-…, 031-…),
 * mobiles (010-…), internet phones (070-…) and representative numbers (1588-…), 8 to 13 digits; NHN also requires
 * it to be registered in the SMS console, which only NHN can check.
 */
export function normalizeSendNo(input: unknown): SendNoResult {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, reason: 'Sender number is empty' };
  const trimmed = input.trim();
  if (!/^[\d\s().-]+$/.test(trimmed)) return { ok: false, reason: 'Sender number may contain only digits, spaces, "-", "." and parentheses' };
  const digits = trimmed.replace(/\D/g, '');
  if (!/^[01]\d{7,12}$/.test(digits)) {
    return { ok: false, reason: `Sender number must have 8 to ${SEND_NO_MAX_DIGITS} digits and start with 0 or 1 (02-123-4567, 1588-1234)` };
  }
  return { ok: true, value: digits };
}

const sendNoSchema = z.string({ error: 'Sender number is required' }).transform((value, ctx) => {
  const result = normalizeSendNo(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
});

const optionalText = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .max(max, `${what} can be at most ${max} characters`)
    .nullish()
    .transform((value) => (value === null || value === undefined || value.trim() === '' ? null : value));

/** Per rule: no fallback, or SMS / LMS from a sender number; content null = the rendered AlimTalk text. */
export const fallbackSettingSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('off') }),
    z.object({
      type: z.enum(FALLBACK_TYPES),
      sendNo: sendNoSchema,
      title: optionalText(LMS_TITLE_MAX_BYTES, 'Fallback title'),
      content: optionalText(MAX_FALLBACK_CONTENT_LENGTH, 'Fallback text'),
    }),
  ],
  { error: 'Fallback must be off, SMS or LMS' },
);
export type FallbackSetting = z.output<typeof fallbackSettingSchema>;

/** NHN's resendParameter, as sent. */
export type ResendParameter = {
  isResend: boolean;
  resendType?: FallbackType;
  resendTitle?: string;
  resendContent?: string;
  resendSendNo?: string;
};

export type FallbackWarning =
  | { code: 'content_cut'; bytes: number; limit: number }
  | { code: 'title_cut'; bytes: number; limit: number }
  | { code: 'unsupported_characters'; characters: string[] };

export type FallbackPlan = {
  resendParameter: ResendParameter;
  /** The body and title as sent, with their sizes; null when off (and the title for SMS or when none is set). */
  content: FittedSmsText | null;
  title: FittedSmsText | null;
  /** What the builder shows before saving and the log keeps: cut, or characters SMS cannot carry. */
  warnings: FallbackWarning[];
};

/**
 * The resendParameter for one send. `text` is what the fallback says: the rule's fallback text rendered like the
 * template (the caller renders its #{var}s), else the rendered AlimTalk text. `off` sends `isResend: false`
 * explicitly: NHN falls back by default when its console has a fallback configured, and a rule that says "off"
 * must not send an SMS nobody chose.
 */
export function planFallback(setting: FallbackSetting, text: string): FallbackPlan {
  if (setting.type === 'off') return { resendParameter: { isResend: false }, content: null, title: null, warnings: [] };
  const content = fitSmsText(setting.content ?? text, BODY_LIMIT[setting.type]);
  // SMS has no title; an LMS without one goes out under the channel's name (NHN's default).
  const title = setting.type === 'LMS' && setting.title !== null ? fitSmsText(setting.title, LMS_TITLE_MAX_BYTES) : null;
  const warnings: FallbackWarning[] = [];
  if (content.cut) warnings.push({ code: 'content_cut', bytes: content.fullBytes, limit: content.limit });
  if (title?.cut) warnings.push({ code: 'title_cut', bytes: title.fullBytes, limit: title.limit });
  const unsupported = [...new Set([...content.replaced, ...(title?.replaced ?? [])])];
  if (unsupported.length > 0) warnings.push({ code: 'unsupported_characters', characters: unsupported });
  const resendParameter: ResendParameter = {
    isResend: true,
    resendType: setting.type,
    resendContent: content.text,
    resendSendNo: setting.sendNo,
  };
  if (title !== null) resendParameter.resendTitle = title.text;
  return { resendParameter, content, title, warnings };
}

/** What became of a fallback, from NHN's resendStatus (RSC01 none … RSC05 failed). */
export type FallbackResult = 'none' | 'pending' | 'sent' | 'failed';

const RESEND_STATUS: Record<string, FallbackResult> = {
  RSC01: 'none',
  RSC02: 'pending',
  RSC03: 'pending',
  RSC04: 'sent',
  RSC05: 'failed',
};

/** Anything NHN did not document reads as "none": the log must not claim an SMS went out when it cannot tell. */
export function fallbackResult(resendStatus: string | null | undefined): FallbackResult {
  if (typeof resendStatus !== 'string' || !Object.hasOwn(RESEND_STATUS, resendStatus)) return 'none';
  return RESEND_STATUS[resendStatus]!;
}

/** The send log's line for a fallback, Korean or English; null when there was none. */
export function describeFallbackResult(result: FallbackResult, locale: Locale): string | null {
  const lines: Record<Exclude<FallbackResult, 'none'>, [string, string]> = {
    pending: ['문자로 대체 발송 중', 'Sending as a text message instead'],
    sent: ['문자로 대체 발송됨', 'Sent as a text message instead'],
    failed: ['문자 대체 발송 실패', 'The text-message fallback failed'],
  };
  return result === 'none' ? null : lines[result][locale === 'ko' ? 0 : 1];
}

/** Why a send may not be retried; null = it may. */
export type RetryRefusal = 'not_failed' | 'already_retried' | 'fallback_sent' | 'fallback_pending';

/** How long after a send NHN's fallback result is still looked for (late-fallback.ts); past it, none is waited on. */
export const FALLBACK_RESULT_HORIZON_MS = 3 * 24 * 60 * 60_000;

export type RetryFacts = {
  status: string;
  fallbackStatus?: string | null | undefined;
  /** Set when NHN was asked to fall back to SMS/LMS. */
  fallbackType?: string | null | undefined;
  /** Set once NHN accepted the message: only then can a fallback follow its KakaoTalk failure. */
  requestId?: string | null | undefined;
  sentAt?: Date | string | null | undefined;
  /**
   * An earlier retry of this send is waiting, accepted or delivered (not failed or skipped). Unknown (undefined) to a
   * caller that did not look, e.g. the send log's list; the API always looks, under the send's row lock.
   */
  liveRetry?: boolean | undefined;
};

/**
 * Only a failed send is retried, and only once at a time: while an earlier retry of it is waiting or went out, a
 * second (a double click, two admins) would reach the person twice. Not one whose SMS/LMS fallback went out: the person already got the text, and a
 * retry would send it to them a second time. Nor one whose fallback is still under way (asked for, NHN accepted the
 * message, no result yet): it may still end in a text. Past the result horizon nobody waits for it, so it may.
 */
export function retryRefusal(log: RetryFacts, now: Date): RetryRefusal | null {
  if (log.status !== 'failed') return 'not_failed';
  if (log.liveRetry) return 'already_retried';
  if (log.fallbackStatus === 'sent') return 'fallback_sent';
  if (log.fallbackStatus || !log.fallbackType || !log.requestId || !log.sentAt) return null;
  return now.getTime() - new Date(log.sentAt).getTime() < FALLBACK_RESULT_HORIZON_MS ? 'fallback_pending' : null;
}

/** The refusal in words, Korean or English, for the API's error and the log's disabled retry button. */
export function describeRetryRefusal(refusal: RetryRefusal, locale: Locale): string {
  const lines: Record<RetryRefusal, [string, string]> = {
    not_failed: ['실패한 발송만 다시 보낼 수 있습니다.', 'Only failed sends can be retried.'],
    already_retried: [
      '이미 다시 보내는 중이거나 다시 보낸 발송입니다. 그 결과가 실패로 끝나면 다시 시도할 수 있습니다.',
      'This send has already been retried (queued or sent); if that retry fails, you can try again.',
    ],
    fallback_sent: [
      '문자(SMS/LMS)로 대체 발송되어 이미 전달되었습니다. 다시 보내면 같은 내용을 두 번 받게 됩니다.',
      'Already delivered as a text message (SMS/LMS fallback); a retry would send it a second time.',
    ],
    fallback_pending: [
      '문자(SMS/LMS) 대체 발송 결과를 기다리는 중입니다. 지금 다시 보내면 두 번 받을 수 있으니 결과가 나온 뒤 다시 시도하세요.',
      'The text-message (SMS/LMS) fallback is still under way; a retry now could reach the person twice. Try again once its result is in.',
    ],
  };
  return lines[refusal][locale === 'ko' ? 0 : 1];
}
