import { KST_OFFSET_MS } from '@alimflow/automation-core';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyy-MM-dd HH:mm` (precision 'minute') or `yyyy-MM-dd HH:mm:ss` (precision 'second') in KST. */
export function formatKst(date: Date, precision: 'minute' | 'second' = 'second'): string {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('formatKst: invalid date');
  const k = new Date(t + KST_OFFSET_MS);
  const base = `${pad(k.getUTCFullYear(), 4)}-${pad(k.getUTCMonth() + 1)}-${pad(k.getUTCDate())} ${pad(k.getUTCHours())}:${pad(k.getUTCMinutes())}`;
  return precision === 'minute' ? base : `${base}:${pad(k.getUTCSeconds())}`;
}

/** Round a date up to the next whole minute (unchanged if already on one) — for inclusive minute-precision window ends. */
export function ceilToMinute(date: Date): Date {
  const t = date.getTime();
  return new Date(Math.ceil(t / 60_000) * 60_000);
}

/**
 * Parse `yyyy-MM-dd HH:mm[:ss[.S…]]` (KST) to a Date; null if malformed. The fractional part NHN sometimes appends
 * (`2018-10-04 10:40:00.0`) is accepted.
 */
export function parseKst(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, se, ms] = m;
  const utc = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(se ?? 0),
    ms ? Number(ms.padEnd(3, '0')) : 0,
  );
  const date = new Date(utc - KST_OFFSET_MS);
  // reject impossible dates such as 2026-02-31 (Date.UTC would roll them over)
  return formatKst(date).slice(0, 10) === `${y}-${mo}-${d}` ? date : null;
}
