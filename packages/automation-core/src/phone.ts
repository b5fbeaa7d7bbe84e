/**
 * Korean phone numbers for AlimTalk. AlimTalk is delivered to KakaoTalk accounts, which are tied to mobile
 * numbers, so only mobile numbers (010, and the legacy 011/016/017/018/019) are accepted; landlines (02-, 031-…),
 * internet phones (070-) and safe numbers (050x-) are rejected with a reason rather than sent to NHN to fail there.
 */
import type { Locale } from './describe.ts';

/** Why a value is not a mobile number AlimTalk can reach; describePhoneProblem words it for a person. */
export type PhoneProblem =
  | 'not_text'
  | 'empty'
  | 'bad_characters'
  | 'no_digits'
  | 'too_many_digits'
  | 'not_korean'
  | 'mobile_length'
  | 'not_mobile'
  | 'not_korean_mobile';

/** `reason` is the English wording (send logs store it); `code` is what a reader's language is chosen by. */
export type PhoneResult = { ok: true; value: string } | { ok: false; code: PhoneProblem; reason: string };

/** NHN's recipientNo is at most 15 characters. */
const MAX_DIGITS = 15;
const ALLOWED = /^\+?[\d\s().-]+$/;
const MOBILE_010 = /^010\d{8}$/;
const MOBILE_LEGACY = /^01[16789]\d{7,8}$/;
const NON_MOBILE = /^0(?:2|[3-6]\d|70|50|80)/;

const WORDS: Record<PhoneProblem, Record<Locale, string>> = {
  not_text: { ko: '전화번호는 문자열이어야 합니다', en: 'Phone number must be text' },
  empty: { ko: '전화번호가 비어 있습니다', en: 'Phone number is empty' },
  bad_characters: {
    ko: '전화번호에는 숫자, 공백, "+", "-", "." 와 괄호만 쓸 수 있습니다',
    en: 'Phone number may contain only digits, spaces, "+", "-", "." and parentheses',
  },
  no_digits: { ko: '전화번호에 숫자가 없습니다', en: 'Phone number has no digits' },
  too_many_digits: { ko: `전화번호가 ${MAX_DIGITS}자리를 넘습니다`, en: `Phone number has more than ${MAX_DIGITS} digits` },
  not_korean: { ko: '한국(+82) 번호만 알림톡을 받을 수 있습니다', en: 'Only Korean (+82) numbers can receive AlimTalk' },
  mobile_length: {
    ko: '휴대폰 번호는 010이면 11자리, 011/016/017/018/019이면 10~11자리입니다',
    en: 'Mobile numbers have 11 digits for 010 and 10 or 11 digits for 011/016/017/018/019',
  },
  not_mobile: {
    ko: '유선·인터넷 전화번호는 알림톡을 받을 수 없습니다. 휴대폰 번호(010-…)를 쓰세요',
    en: 'Landline and internet-phone numbers cannot receive AlimTalk; use a mobile number (010-…)',
  },
  not_korean_mobile: { ko: '한국 휴대폰 번호가 아닙니다', en: 'Not a Korean mobile number' },
};

export function describePhoneProblem(code: PhoneProblem, locale: Locale): string {
  return WORDS[code][locale];
}

const fail = (code: PhoneProblem): PhoneResult => ({ ok: false, code, reason: WORDS[code].en });

export function normalizePhone(input: unknown): PhoneResult {
  if (typeof input !== 'string') return fail('not_text');
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty');
  if (!ALLOWED.test(trimmed)) {
    return fail('bad_characters');
  }
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length === 0) return fail('no_digits');
  if (digits.length > MAX_DIGITS) return fail('too_many_digits');

  let hadCountryCode = false;
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('82')) return fail('not_korean');
    digits = digits.slice(2);
    hadCountryCode = true;
  } else if (digits.startsWith('0082')) {
    digits = digits.slice(4);
    hadCountryCode = true;
  } else if (digits.startsWith('82')) {
    // A national number always starts with 0, so a leading 82 can only be the country code.
    digits = digits.slice(2);
    hadCountryCode = true;
  }
  // "+82 10 …" drops the trunk 0; people also write "+82 010 …", which keeps it.
  if (hadCountryCode && !digits.startsWith('0')) digits = `0${digits}`;

  if (MOBILE_010.test(digits) || MOBILE_LEGACY.test(digits)) return { ok: true, value: digits };
  if (/^01[016789]/.test(digits)) {
    return fail('mobile_length');
  }
  if (NON_MOBILE.test(digits)) {
    return fail('not_mobile');
  }
  return fail('not_korean_mobile');
}

/** Display form (010-1234-5678, 011-123-4567); input that is not a valid mobile number comes back unchanged. */
export function formatPhone(digits: string): string {
  const result = normalizePhone(digits);
  if (!result.ok) return digits;
  const v = result.value;
  const middle = v.length === 11 ? 4 : 3;
  return `${v.slice(0, 3)}-${v.slice(3, 3 + middle)}-${v.slice(3 + middle)}`;
}
