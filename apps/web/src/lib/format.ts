// Display helpers shared by every page. Pure: no React, no globals besides Intl, so they are unit-tested directly.
// Dates are always shown in Korea's time zone, whatever the browser's, because the admins and their customers are there.
import { formatPhone } from '@alimflow/automation-core';

export const TIME_ZONE = 'Asia/Seoul';

/** UI language → Intl locale. */
export function intlLocale(lang: string | undefined): string {
  return lang?.startsWith('en') ? 'en-US' : 'ko-KR';
}

export type DateInput = Date | string | number;

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

function isValid(d: Date): boolean {
  return !Number.isNaN(d.getTime());
}

/** Wall-clock parts of a moment in Seoul. */
export interface SeoulParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'];

export function seoulParts(d: Date): SeoulParts {
  const get = (type: Intl.DateTimeFormatPartTypes) => partsFormat.formatToParts(d).find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: WEEKDAYS_EN.indexOf(get('weekday')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

// Korean formats are assembled from parts: ICU versions disagree on Korean day periods (오후 vs PM), and a
// 24-hour clock reads unambiguously in an admin tool. English uses Intl as is.

/** "2026. 11. 26. 15:04" / "Nov 26, 2026, 3:04 PM" — for table cells. */
export function formatDateTime(value: DateInput, lang: string = 'ko'): string {
  const d = toDate(value);
  if (!isValid(d)) return '—';
  if (intlLocale(lang) === 'ko-KR') {
    const p = seoulParts(d);
    return `${p.year}. ${p.month}. ${p.day}. ${pad(p.hour)}:${pad(p.minute)}`;
  }
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(d);
}

/** "2026년 11월 26일 (목) 15:04:05" — the exact time, e.g. in a tooltip. */
export function formatExactDateTime(value: DateInput, lang: string = 'ko'): string {
  const d = toDate(value);
  if (!isValid(d)) return '—';
  if (intlLocale(lang) === 'ko-KR') {
    const p = seoulParts(d);
    return `${p.year}년 ${p.month}월 ${p.day}일 (${WEEKDAYS_KO[p.weekday]}) ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  }
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZone: TIME_ZONE,
  }).format(d);
}

/** "2026. 11. 26." / "Nov 26, 2026" */
export function formatDate(value: DateInput, lang: string = 'ko'): string {
  const d = toDate(value);
  if (!isValid(d)) return '—';
  if (intlLocale(lang) === 'ko-KR') {
    const p = seoulParts(d);
    return `${p.year}. ${p.month}. ${p.day}.`;
  }
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: TIME_ZONE }).format(d);
}

/** "1,234" / "12.5%" — numbers with the locale's grouping. */
export function formatNumber(value: number, lang: string = 'ko', options?: Intl.NumberFormatOptions): string {
  if (!Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(intlLocale(lang), options).format(value);
}

/** A 0–1 ratio as a percentage: 0.125 → "12.5%". */
export function formatPercent(ratio: number, lang: string = 'ko', maximumFractionDigits = 1): string {
  return formatNumber(ratio, lang, { style: 'percent', maximumFractionDigits });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Past this, a relative phrase ("45일 전") says less than the date itself. */
export const RELATIVE_LIMIT_MS = 7 * DAY;

/**
 * "방금" / "3분 전" / "2시간 후" / "어제" while within a week of `now`; the date and time beyond that.
 * Future times read the same way ("5분 후"), which the repeat schedule needs.
 */
export function formatRelativeTime(value: DateInput, now: DateInput = Date.now(), lang: string = 'ko'): string {
  const d = toDate(value);
  const n = toDate(now);
  if (!isValid(d) || !isValid(n)) return '—';
  const diff = d.getTime() - n.getTime();
  const abs = Math.abs(diff);
  if (abs >= RELATIVE_LIMIT_MS) return formatDateTime(d, lang);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' });
  if (abs < 45_000) return rtf.format(0, 'second');
  if (abs < HOUR) return rtf.format(roundTowardZero(diff / MINUTE) || Math.sign(diff), 'minute');
  if (abs < DAY) return rtf.format(roundTowardZero(diff / HOUR), 'hour');
  return rtf.format(roundTowardZero(diff / DAY), 'day');
}

function roundTowardZero(x: number): number {
  // 59 minutes is "59분 전", not "1시간 전"; and never "-0".
  const r = Math.trunc(x);
  return r === 0 ? 0 : r;
}

/** How long until the next relative label could change, so a <RelativeTime> re-renders only when needed. */
export function relativeRefreshMs(value: DateInput, now: DateInput = Date.now()): number | null {
  const abs = Math.abs(toDate(value).getTime() - toDate(now).getTime());
  if (Number.isNaN(abs) || abs >= RELATIVE_LIMIT_MS) return null;
  if (abs < HOUR) return 15_000;
  return 5 * MINUTE;
}

/** Digits only, as phone numbers are stored: "010-1234-5678" → "01012345678". */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, '');
}

/**
 * Display form of a stored phone number: mobiles as 010-1234-5678 (automation-core's rules, +82 understood),
 * Seoul and area-code landlines as 02-123-4567 / 031-1234-5678; anything else unchanged; empty → "—".
 */
export function formatPhoneNumber(value: string | null | undefined): string {
  if (value == null || value.trim() === '') return '—';
  const mobile = formatPhone(value);
  if (mobile !== value) return mobile;
  const digits = phoneDigits(value);
  if (/^01[016789]\d{7,8}$/.test(digits)) return formatPhone(digits);
  const seoul = /^02(\d{3,4})(\d{4})$/.exec(digits);
  if (seoul) return `02-${seoul[1]}-${seoul[2]}`;
  const area = /^(0[3-9]\d)(\d{3,4})(\d{4})$/.exec(digits);
  if (area) return `${area[1]}-${area[2]}-${area[3]}`;
  return value;
}
