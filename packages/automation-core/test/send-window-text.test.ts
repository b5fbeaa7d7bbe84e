import { describe, expect, it } from 'vitest';
import { DEFAULT_SEND_WINDOW, describeOpening, describeSendWindow, describeWindowWait } from '../src/index.ts';

const kst = (wall: string) => new Date(`${wall}+09:00`);
const now = kst('2026-12-02T21:00'); // Wednesday evening

describe('describeWindowWait', () => {
  it('says when the send will go out, relative to now, in Korean and English', () => {
    expect(describeWindowWait(kst('2026-12-03T09:00'), now, 'ko')).toBe('발송 가능 시간까지 대기 (내일 09:00)');
    expect(describeWindowWait(kst('2026-12-03T09:00'), now, 'en')).toBe('Waiting for the send window (tomorrow 09:00)');
  });

  it('explains a window that never opens', () => {
    expect(describeWindowWait(null, now, 'ko')).toBe('발송 가능 시간이 없어 대기 (발송 시간 설정 확인)');
    expect(describeWindowWait(null, now, 'en')).toBe('Waiting: the send window never opens (check its days)');
  });
});

describe('describeOpening', () => {
  it('names today, tomorrow and (in Korean) the day after by word', () => {
    const morning = kst('2026-12-02T07:00');
    expect(describeOpening(kst('2026-12-02T09:00'), morning, 'ko')).toBe('오늘 09:00');
    expect(describeOpening(kst('2026-12-02T09:00'), morning, 'en')).toBe('today 09:00');
    expect(describeOpening(kst('2026-12-04T09:00'), morning, 'ko')).toBe('모레 09:00');
    expect(describeOpening(kst('2026-12-04T09:00'), morning, 'en')).toBe('Fri, Dec 4, 09:00');
  });

  it('gives a date with its weekday further out, and the year only when it differs', () => {
    expect(describeOpening(kst('2026-12-07T09:00'), now, 'ko')).toBe('12월 7일 월요일 09:00');
    expect(describeOpening(kst('2026-12-07T09:00'), now, 'en')).toBe('Mon, Dec 7, 09:00');
    expect(describeOpening(kst('2027-01-04T09:30'), now, 'ko')).toBe('2027년 1월 4일 월요일 09:30');
    expect(describeOpening(kst('2027-01-04T09:30'), now, 'en')).toBe('Mon, Jan 4, 2027, 09:30');
  });

  it('gives the date of an opening already past (a log read later)', () => {
    expect(describeOpening(kst('2026-12-01T09:00'), now, 'ko')).toBe('12월 1일 화요일 09:00');
  });

  it('counts days by the KST calendar: 23:30 UTC is already tomorrow in Seoul', () => {
    expect(describeOpening(new Date('2026-12-02T23:30:00Z'), new Date('2026-12-02T10:00:00Z'), 'ko')).toBe('내일 08:30');
  });
});

describe('describeSendWindow', () => {
  it('names the usual day sets and lists the rest', () => {
    expect(describeSendWindow(DEFAULT_SEND_WINDOW, 'ko')).toBe('평일 09:00–20:00, 공휴일 제외');
    expect(describeSendWindow(DEFAULT_SEND_WINDOW, 'en')).toBe('Weekdays 09:00–20:00, not on holidays');
    const every = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, start: '00:00', end: '24:00', skipHolidays: false };
    expect(describeSendWindow({ ...every, days: [...every.days] }, 'ko')).toBe('매일 00:00–24:00');
    expect(describeSendWindow({ ...every, days: [...every.days] }, 'en')).toBe('Every day 00:00–24:00');
    expect(describeSendWindow({ ...every, days: ['sat', 'sun'] }, 'ko')).toBe('주말 00:00–24:00');
    expect(describeSendWindow({ ...every, days: ['sat', 'sun'] }, 'en')).toBe('Weekends 00:00–24:00');
    expect(describeSendWindow({ ...every, days: ['mon', 'wed', 'fri'] }, 'ko')).toBe('월·수·금요일 00:00–24:00');
    expect(describeSendWindow({ ...every, days: ['mon', 'wed', 'fri'] }, 'en')).toBe('Mon, Wed, Fri 00:00–24:00');
  });

  it('says any time for no window', () => {
    expect(describeSendWindow(null, 'ko')).toBe('언제든 발송');
    expect(describeSendWindow(null, 'en')).toBe('Any time');
  });
});
