/**
 * Credentials the in-process fake NHN server accepts in sandbox mode. Not secrets: they only open the loopback fake.
 * (Lives outside `fake/` so the main entry can use it without importing the fake server.)
 */
export const sandboxCredentials = {
  appKey: 'sandbox-appkey',
  secretKey: 'sandbox-secret',
  /** 40 chars, like a real NHN sender key. */
  senderKey: 'sandboxsenderkey000000000000000000000000',
} as const;

/**
 * Numbers the fake NHN treats as not on KakaoTalk (delivery ends 3019 "톡 유저 아님"), so the SMS/LMS fallback can
 * be tried in sandbox mode: a fallback to the first is sent, to the second it fails.
 */
export const SANDBOX_NON_KAKAO_NUMBERS = { '01000000000': 'sent', '01000000001': 'failed' } as const;
