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
