import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bearer secret; only its SHA-256 is stored. */
export function newToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/**
 * `lastUsedAt` is shown to the minute; writing it on every request was one UPDATE per API call (a busy
 * integration's whole write rate). Once a minute per token is enough to tell a live token from a dead one.
 */
export const TOKEN_LAST_USED_PRECISION_MS = 60_000;

export function lastUsedIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= TOKEN_LAST_USED_PRECISION_MS;
}
