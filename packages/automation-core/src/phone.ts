/**
 * Korean phone numbers for AlimTalk. AlimTalk is delivered to KakaoTalk accounts, which are tied to mobile
 * numbers, so only mobile numbers (010, and the legacy 011/016/017/018/019) are accepted; landlines (02-, 031-…),
 * internet phones (070-) and safe numbers (050x-) are rejected with a reason rather than sent to NHN to fail there.
 */
export type PhoneResult = { ok: true; value: string } | { ok: false; reason: string };

/** NHN's recipientNo is at most 15 characters. */
const MAX_DIGITS = 15;
const ALLOWED = /^\+?[\d\s().-]+$/;
const MOBILE_010 = /^010\d{8}$/;
const MOBILE_LEGACY = /^01[16789]\d{7,8}$/;
const NON_MOBILE = /^0(?:2|[3-6]\d|70|50|80)/;

const fail = (reason: string): PhoneResult => ({ ok: false, reason });

export function normalizePhone(input: unknown): PhoneResult {
  if (typeof input !== 'string') return fail('Phone number must be text');
  const trimmed = input.trim();
  if (trimmed === '') return fail('Phone number is empty');
  if (!ALLOWED.test(trimmed)) {
    return fail('Phone number may contain only digits, spaces, "+", "-", "." and parentheses');
  }
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length === 0) return fail('Phone number has no digits');
  if (digits.length > MAX_DIGITS) return fail(`Phone number has more than ${MAX_DIGITS} digits`);

  let hadCountryCode = false;
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('82')) return fail('Only Korean (+82) numbers can receive AlimTalk');
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
    return fail('Mobile numbers have 11 digits for 010 and 10 or 11 digits for 011/016/017/018/019');
  }
  if (NON_MOBILE.test(digits)) {
    return fail('Landline and internet-phone numbers cannot receive AlimTalk; use a mobile number (010-…)');
  }
  return fail('Not a Korean mobile number');
}

/** Display form (010-1234-5678, 011-123-4567); input that is not a valid mobile number comes back unchanged. */
export function formatPhone(digits: string): string {
  const result = normalizePhone(digits);
  if (!result.ok) return digits;
  const v = result.value;
  const middle = v.length === 11 ? 4 : 3;
  return `${v.slice(0, 3)}-${v.slice(3, 3 + middle)}-${v.slice(3 + middle)}`;
}
