// TRUST_PROXY: whether X-Forwarded-For / -Proto are believed, and from whom. Off by default, because a client that
// talks to us directly could otherwise pick any address for the sign-in limiter and any protocol for cookies.
import { isIP } from 'node:net';
import { z } from 'zod';

export type TrustProxy = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

export const trustProxySchema = z
  .string()
  .default('false')
  .transform((raw, ctx): TrustProxy => {
    const value = raw.trim();
    if (value === 'false' || value === '0' || value === 'no') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const bad = entries.filter((e) => !isAddressOrCidr(e));
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY must be false, a hop count (1) or a list of proxy addresses/CIDRs (10.0.0.0/8,127.0.0.1); not: ${bad.join(', ') || value}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** Fastify's form: a hop count becomes "trust the nearest n proxies" (its types accept no number). */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
