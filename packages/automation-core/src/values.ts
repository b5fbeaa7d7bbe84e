/**
 * Typed reading of record and condition values. Everything a comparison needs goes through `coerce`, so the
 * evaluator, the validator and `changed` detection agree on what "equal" means for each field type.
 */
import type { FieldType } from './fields.ts';
import { normalizePhone } from './phone.ts';

/** KST (Asia/Seoul) is UTC+9 with no daylight saving, so a fixed offset is exact. */
export const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type Comparable =
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  // dateOnly values compare by calendar day; two date-times compare by instant.
  | { kind: 'date'; day: string; instant: number; dateOnly: boolean };

/** undefined, null, '' and whitespace-only strings and [] count as "no value". */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/**
 * The one text rule: surrounding whitespace is ignored, Unicode is NFC-normalised (macOS input can produce
 * decomposed Hangul) and Latin case is ignored — an admin typing "vip" means the same as "VIP".
 */
export function foldText(text: string): string {
  return text.normalize('NFC').trim().toLowerCase();
}

/** A scalar's text form, or null for objects and arrays (which are not a single comparable value). */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return null;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
// Thousands separators as admins type them ("1,000,000"); only well-formed groups, so "1,00" stays invalid.
const GROUPED_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function parseNumber(value: unknown): Comparable {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { kind: 'number', value }
      : { kind: 'invalid', reason: 'not a finite number' };
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    const plain = GROUPED_RE.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
    if (NUMBER_RE.test(plain)) {
      const parsed = Number(plain);
      if (Number.isFinite(parsed)) return { kind: 'number', value: parsed };
    }
  }
  return { kind: 'invalid', reason: `${describeRaw(value)} is not a number` };
}

const DATE_RE = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Calendar day of an instant in KST, as YYYY-MM-DD. */
export function kstDay(instant: number): string {
  return new Date(instant + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Wall-clock time of an instant in KST, as YYYY-MM-DD HH:mm. */
export function kstDateTime(instant: number): string {
  return new Date(instant + KST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function validDay(y: number, m: number, d: number): string | null {
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function offsetMs(zone: string | undefined): number {
  // No zone written: the admins' wall clock, KST.
  if (zone === undefined) return KST_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
}

export function parseDate(value: unknown): Comparable {
  if (value instanceof Date) {
    const t = value.getTime();
    if (!Number.isNaN(t)) return { kind: 'date', day: kstDay(t), instant: t, dateOnly: false };
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    const dateOnly = DATE_RE.exec(trimmed);
    if (dateOnly) {
      const day = validDay(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
      if (day !== null)
        return { kind: 'date', day, instant: Date.parse(`${day}T00:00:00+09:00`), dateOnly: true };
    }
    const dt = DATETIME_RE.exec(trimmed);
    if (dt) {
      const [, y, mo, d, h, mi, s, frac, zone] = dt;
      const day = validDay(Number(y), Number(mo), Number(d));
      if (day !== null && Number(h) < 24 && Number(mi) < 60 && Number(s ?? 0) < 60) {
        const ms = Number((frac ?? '0').slice(0, 3).padEnd(3, '0'));
        const wall = Date.UTC(
          Number(y),
          Number(mo) - 1,
          Number(d),
          Number(h),
          Number(mi),
          Number(s ?? 0),
          ms,
        );
        const instant = wall - offsetMs(zone);
        return { kind: 'date', day: kstDay(instant), instant, dateOnly: false };
      }
    }
  }
  return { kind: 'invalid', reason: `${describeRaw(value)} is not a date (expected YYYY-MM-DD)` };
}

/** Phone values compare by normalised digits; a number that does not normalise still compares by its digits. */
export function phoneDigits(value: unknown): string | null {
  const normalised = normalizePhone(value);
  if (normalised.ok) return normalised.value;
  const text = scalarText(value);
  if (text === null) return null;
  const digits = text.replace(/\D/g, '');
  return digits === '' ? null : digits;
}

export function coerce(value: unknown, type: FieldType): Comparable {
  if (isEmptyValue(value)) return { kind: 'empty' };
  switch (type) {
    case 'number':
      return parseNumber(value);
    case 'date':
      return parseDate(value);
    case 'phone': {
      const digits = phoneDigits(value);
      return digits === null
        ? { kind: 'invalid', reason: `${describeRaw(value)} is not a phone number` }
        : { kind: 'text', value: digits };
    }
    default: {
      const text = scalarText(value);
      return text === null
        ? { kind: 'invalid', reason: `${describeRaw(value)} is not a single value` }
        : { kind: 'text', value: foldText(text) };
    }
  }
}

/** Text used by contains / starts_with: digits for phone fields, folded text otherwise; null = not a scalar. */
export function searchText(value: unknown, type: FieldType): string | null {
  if (isEmptyValue(value)) return '';
  if (type === 'phone') return phoneDigits(value);
  const text = scalarText(value);
  return text === null ? null : foldText(text);
}

type Valued = Exclude<Comparable, { kind: 'empty' } | { kind: 'invalid' }>;

/** Sign of a - b for two values of the same kind; text only supports equality (0 or NaN). */
export function compareValues(a: Valued, b: Valued): number {
  if (a.kind === 'number' && b.kind === 'number') return Math.sign(a.value - b.value);
  if (a.kind === 'date' && b.kind === 'date') {
    if (a.dateOnly || b.dateOnly) return a.day < b.day ? -1 : a.day > b.day ? 1 : 0;
    return Math.sign(a.instant - b.instant);
  }
  // Text only has equality; kinds that differ (never the case within one field type) are incomparable.
  return a.kind === 'text' && b.kind === 'text' && a.value === b.value ? 0 : Number.NaN;
}

export function isValued(c: Comparable): c is Valued {
  return c.kind !== 'empty' && c.kind !== 'invalid';
}

/** Short, safe rendering of a raw value for notes and messages. */
export function describeRaw(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  try {
    const json = JSON.stringify(value);
    return json.length > 40 ? `${json.slice(0, 40)}…` : json;
  } catch {
    return 'an unprintable value';
  }
}

/** Order-insensitive structural equality of JSON-like values; undefined properties equal missing ones. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) {
    if (!deepEqual(ownValue(ra, key), ownValue(rb, key))) return false;
  }
  return true;
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A whole number within [min, max] — the shape of every hours / count setting a rule has. */
export function isWholeIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}
