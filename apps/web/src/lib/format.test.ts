import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatExactDateTime,
  formatNumber,
  formatPercent,
  formatPhoneNumber,
  formatRelativeTime,
  intlLocale,
  phoneDigits,
  relativeRefreshMs,
} from './format';

// 2026-11-26 06:04:05 UTC = 2026-11-26 15:04:05 in Seoul (UTC+9, no DST).
const NOW = new Date('2026-11-26T06:04:05Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const later = (ms: number) => new Date(NOW.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('intlLocale', () => {
  it('maps UI languages to Intl locales, Korean by default', () => {
    expect(intlLocale('ko')).toBe('ko-KR');
    expect(intlLocale('en')).toBe('en-US');
    expect(intlLocale('en-GB')).toBe('en-US');
    expect(intlLocale(undefined)).toBe('ko-KR');
  });
});

describe('date formatting (always Asia/Seoul)', () => {
  it('shows the Seoul wall-clock time, not UTC', () => {
    expect(formatDateTime(NOW, 'ko')).toBe('2026. 11. 26. 15:04');
    expect(formatDateTime(NOW, 'en')).toMatch(/^Nov 26, 2026(,| at) 3:04\sPM$/);
  });

  it('rolls the date over at Seoul midnight', () => {
    // 15:30 UTC is already the next day in Seoul.
    expect(formatDate('2026-11-26T15:30:00Z', 'ko')).toBe('2026. 11. 27.');
    expect(formatDate('2026-11-26T14:59:59Z', 'ko')).toBe('2026. 11. 26.');
  });

  it('gives the exact time with seconds for tooltips', () => {
    expect(formatExactDateTime(NOW, 'ko')).toBe('2026년 11월 26일 (목) 15:04:05');
    // English wording varies a little between ICU versions (", " or " at "); the values must not.
    expect(formatExactDateTime(NOW, 'en')).toMatch(/^Thu, November 26, 2026(,| at) 3:04:05\sPM$/);
  });

  it('uses a 24-hour clock in Korean, midnight as 00', () => {
    expect(formatDateTime('2026-11-26T15:05:00Z', 'ko')).toBe('2026. 11. 27. 00:05');
    expect(formatDateTime('2026-01-01T00:00:00Z', 'ko')).toBe('2026. 1. 1. 09:00');
    expect(formatDateTime('2026-11-26T15:05:00Z', 'en')).toMatch(/^Nov 27, 2026(,| at) 12:05\sAM$/);
  });

  it('accepts ISO strings and epoch numbers, and shows a dash for invalid input', () => {
    expect(formatDateTime(NOW.toISOString())).toBe(formatDateTime(NOW));
    expect(formatDateTime(NOW.getTime())).toBe(formatDateTime(NOW));
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatRelativeTime('nope', NOW)).toBe('—');
  });
});

describe('formatRelativeTime', () => {
  it('says "now" for the last 45 seconds', () => {
    expect(formatRelativeTime(ago(10_000), NOW, 'ko')).toBe('지금');
    expect(formatRelativeTime(ago(44_000), NOW, 'en')).toBe('now');
  });

  it('counts minutes, then hours, then days, in Korean', () => {
    expect(formatRelativeTime(ago(50_000), NOW, 'ko')).toBe('1분 전');
    expect(formatRelativeTime(ago(3 * MIN), NOW, 'ko')).toBe('3분 전');
    expect(formatRelativeTime(ago(59 * MIN + 59_000), NOW, 'ko')).toBe('59분 전');
    expect(formatRelativeTime(ago(2 * HOUR + 10 * MIN), NOW, 'ko')).toBe('2시간 전');
    expect(formatRelativeTime(ago(DAY + HOUR), NOW, 'ko')).toBe('어제');
    expect(formatRelativeTime(ago(3 * DAY), NOW, 'ko')).toBe('3일 전');
  });

  it('reads future times too (next repeat)', () => {
    expect(formatRelativeTime(later(5 * MIN), NOW, 'ko')).toBe('5분 후');
    expect(formatRelativeTime(later(3 * HOUR), NOW, 'en')).toBe('in 3 hours');
    expect(formatRelativeTime(later(DAY), NOW, 'ko')).toBe('내일');
  });

  it('speaks English when asked', () => {
    expect(formatRelativeTime(ago(3 * MIN), NOW, 'en')).toBe('3 minutes ago');
    expect(formatRelativeTime(ago(DAY), NOW, 'en')).toBe('yesterday');
  });

  it('falls back to the date and time after a week', () => {
    expect(formatRelativeTime(ago(8 * DAY), NOW, 'ko')).toBe('2026. 11. 18. 15:04');
  });
});

describe('relativeRefreshMs', () => {
  it('refreshes often while counting minutes, rarely for hours, never for absolute dates', () => {
    expect(relativeRefreshMs(ago(2 * MIN), NOW)).toBe(15_000);
    expect(relativeRefreshMs(ago(5 * HOUR), NOW)).toBe(5 * MIN);
    expect(relativeRefreshMs(ago(30 * DAY), NOW)).toBeNull();
  });
});

describe('numbers', () => {
  it('groups thousands and formats percentages', () => {
    expect(formatNumber(1234567, 'ko')).toBe('1,234,567');
    expect(formatNumber(0.5, 'en')).toBe('0.5');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatPercent(0.125, 'ko')).toBe('12.5%');
    expect(formatPercent(1, 'en')).toBe('100%');
  });
});

describe('phone numbers', () => {
  it('strips everything but digits for storage', () => {
    expect(phoneDigits('010-1234-5678')).toBe('01012345678');
    expect(phoneDigits(' (010) 1234 5678 ')).toBe('01012345678');
  });

  it('shows mobiles as 010-1234-5678, whatever form they were stored in', () => {
    expect(formatPhoneNumber('01012345678')).toBe('010-1234-5678');
    expect(formatPhoneNumber('010-1234-5678')).toBe('010-1234-5678');
    expect(formatPhoneNumber('+82 10 1234 5678')).toBe('010-1234-5678');
    expect(formatPhoneNumber('0111234567')).toBe('011-123-4567');
  });

  it('formats landlines and leaves unknown input alone', () => {
    expect(formatPhoneNumber('0212345678')).toBe('02-1234-5678');
    expect(formatPhoneNumber('021234567')).toBe('02-123-4567');
    expect(formatPhoneNumber('0311234567')).toBe('031-123-4567');
    expect(formatPhoneNumber('12345')).toBe('12345');
  });

  it('shows a dash when there is no number', () => {
    expect(formatPhoneNumber('')).toBe('—');
    expect(formatPhoneNumber(null)).toBe('—');
    expect(formatPhoneNumber(undefined)).toBe('—');
  });
});
