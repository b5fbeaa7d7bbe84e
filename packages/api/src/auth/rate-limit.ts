// Failed sign-ins slow down the key that failed, never the account: each attempt counts against its
// (email, address) pair and its address, and once a key has used its free attempts every further one waits
// twice as long as the last (1 s, 2 s, 4 s … capped). There is no per-email lockout, so an attacker hammering the
// admin's email from elsewhere cannot stop the admin signing in from an address that did not fail.
//
// Counts live in Postgres (LoginAttempt) so every API process shares them. An attempt is counted *before* the
// password is checked, in one statement that refuses it when the key is still cooling down: parallel guesses
// cannot all slip through before the first failure is recorded. A correct password takes its count back.
import { createHash } from 'node:crypto';
import type { Db } from '@alimflow/db';
import { addressBucket } from './address-bucket.ts';

export interface LoginLimitPolicy {
  /** Attempts an (email, address) pair may fail before delays start. */
  pairFree: number;
  /** Attempts one address may fail (across all emails) before delays start. */
  addressFree: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key that has not failed for this long starts again from zero. */
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginLimitPolicy = {
  pairFree: 5,
  addressFree: 30,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginLimiter {
  /** Counts one attempt for (email, address); refused while either key is cooling down. */
  attempt(email: string, address: string): Promise<AttemptVerdict>;
  /** The password was right: the pair starts over and the address gets this attempt back. */
  succeeded(email: string, address: string): Promise<void>;
  /** Drops keys that have been quiet for longer than forgetAfterMs (cron). */
  purge(): Promise<number>;
}

/** Keys carry a hash of the email, not the email: the table needs no personal data to do its job. */
export function limiterKeys(email: string, address: string): { pair: string; address: string } {
  const emailHash = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
  const addr = addressBucket(address);
  return { pair: `pair:${emailHash}:${addr}`, address: `ip:${addr}` };
}

export function createLoginLimiter(
  db: Db,
  now: () => Date,
  policy: LoginLimitPolicy = DEFAULT_LOGIN_POLICY,
): LoginLimiter {
  const delaySql = (failures: string, free: number) =>
    `make_interval(secs => LEAST(${policy.maxDelayMs / 1000}, CASE WHEN ${failures} > ${free}
       THEN ${policy.baseDelayMs / 1000} * power(2, LEAST(${failures} - ${free} - 1, 30)) ELSE 0 END))`;
  const counted = `CASE WHEN a."lastFailureAt" < $2::timestamptz - make_interval(secs => ${policy.forgetAfterMs / 1000}) THEN 1 ELSE a."failures" + 1 END`;
  const countSql = (free: number) => `
    INSERT INTO "LoginAttempt" AS a ("key", "failures", "lastFailureAt", "blockedUntil")
    VALUES ($1, 1, $2::timestamptz, $2::timestamptz + ${delaySql('1', free)})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${counted},
      "lastFailureAt" = $2::timestamptz,
      "blockedUntil" = $2::timestamptz + ${delaySql(counted, free)}
    WHERE a."blockedUntil" <= $2::timestamptz
    RETURNING "key"`;
  const pairSql = countSql(policy.pairFree);
  const addressSql = countSql(policy.addressFree);

  return {
    async attempt(email, address) {
      const keys = limiterKeys(email, address);
      const at = now();
      const pair = await db.$queryRawUnsafe<{ key: string }[]>(pairSql, keys.pair, at);
      const addr = await db.$queryRawUnsafe<{ key: string }[]>(addressSql, keys.address, at);
      if (pair.length > 0 && addr.length > 0) return { allowed: true };
      const blocked = await db.loginAttempt.findMany({
        where: { key: { in: [keys.pair, keys.address] }, blockedUntil: { gt: at } },
      });
      const until = Math.max(at.getTime(), ...blocked.map((b) => b.blockedUntil.getTime()));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - at.getTime()) / 1000)) };
    },
    async succeeded(email, address) {
      const keys = limiterKeys(email, address);
      await db.loginAttempt.deleteMany({ where: { key: keys.pair } });
      await db.loginAttempt.updateMany({
        where: { key: keys.address, failures: { gt: 0 } },
        data: { failures: { decrement: 1 } },
      });
    },
    async purge() {
      const { count } = await db.loginAttempt.deleteMany({
        where: {
          lastFailureAt: { lt: new Date(now().getTime() - policy.forgetAfterMs) },
          blockedUntil: { lt: now() },
        },
      });
      return count;
    },
  };
}
