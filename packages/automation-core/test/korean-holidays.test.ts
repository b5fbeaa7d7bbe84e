import { describe, expect, it } from 'vitest';
import { holidayPreloadYears, koreanPublicHolidays } from '../src/korean-holidays.ts';
import { DEFAULT_SEND_WINDOW, nextOpening } from '../src/index.ts';

describe('koreanPublicHolidays', () => {
  it('gives the gazette holidays of a year in date order, substitute holidays included', async () => {
    const holidays = await koreanPublicHolidays([2026]);
    expect(holidays[0]).toEqual({ date: '2026-01-01', name: '1월 1일' });
    expect(holidays).toContainEqual({ date: '2026-02-17', name: '설날' });
    expect(holidays).toContainEqual({ date: '2026-03-02', name: '대체공휴일(3ㆍ1절)' });
    const dates = holidays.map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d.startsWith('2026-'))).toBe(true);
  });

  it('leaves out a year with no gazette yet instead of failing the preload, and a repeated year', async () => {
    const holidays = await koreanPublicHolidays([2027, 1990, 2027]);
    expect(holidays.length).toBeGreaterThan(10);
    expect(holidays.every((h) => h.date.startsWith('2027-'))).toBe(true);
    expect(new Set(holidays.map((h) => h.date)).size).toBe(holidays.length);
  });

  it('feeds nextOpening: a Chuseok send waits for the first working day after it', async () => {
    const dates = (await koreanPublicHolidays([2026])).map((h) => h.date);
    // 추석 2026: Thu 24 – Sat 26 Sep.
    expect(nextOpening(DEFAULT_SEND_WINDOW, dates, new Date('2026-09-23T21:00:00+09:00'))).toEqual(new Date('2026-09-28T09:00:00+09:00'));
  });
});

describe('holidayPreloadYears', () => {
  it('is the current and the next KST year (New Year in Seoul comes 9 h before UTC)', () => {
    expect(holidayPreloadYears(new Date('2026-06-01T00:00:00Z'))).toEqual([2026, 2027]);
    expect(holidayPreloadYears(new Date('2026-12-31T15:00:00Z'))).toEqual([2027, 2028]);
  });
});
