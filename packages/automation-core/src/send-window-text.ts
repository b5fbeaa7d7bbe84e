// Send windows as admins read them, in the log ("발송 가능 시간까지 대기 (내일 09:00)") and in the builder
// ("평일 09:00–20:00, 공휴일 제외"). KST wall clock throughout.
import type { Locale } from './describe.ts';
import type { SendWindow, Weekday } from './send-window.ts';
import { WEEKDAYS } from './send-window.ts';
import { KST_OFFSET_MS, kstDay } from './values.ts';

const DAY_NAMES: Record<Locale, Record<Weekday, string>> = {
  ko: { mon: '월', tue: '화', wed: '수', thu: '목', fri: '금', sat: '토', sun: '일' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
};
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 24 * 60 * 60 * 1000;

const WEEKDAY_SET = ['mon', 'tue', 'wed', 'thu', 'fri'];
const WEEKEND_SET = ['sat', 'sun'];
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function describeDays(days: readonly Weekday[], locale: Locale): string {
  if (days.length === WEEKDAYS.length) return locale === 'ko' ? '매일' : 'Every day';
  if (same(days, WEEKDAY_SET)) return locale === 'ko' ? '평일' : 'Weekdays';
  if (same(days, WEEKEND_SET)) return locale === 'ko' ? '주말' : 'Weekends';
  const names = WEEKDAYS.filter((d) => days.includes(d)).map((d) => DAY_NAMES[locale][d]);
  return locale === 'ko' ? `${names.join('·')}요일` : names.join(', ');
}

/** "평일 09:00–20:00, 공휴일 제외" / "Weekdays 09:00–20:00, not on holidays". */
export function describeSendWindow(window: SendWindow | null, locale: Locale): string {
  if (window === null) return locale === 'ko' ? '언제든 발송' : 'Any time';
  const hours = `${describeDays(window.days, locale)} ${window.start}–${window.end}`;
  if (!window.skipHolidays) return hours;
  return locale === 'ko' ? `${hours}, 공휴일 제외` : `${hours}, not on holidays`;
}

/** "내일 09:00", "12월 5일 금요일 09:00", "2027년 1월 4일 월요일 09:00" and their English forms, relative to `now`. */
export function describeOpening(opening: Date, now: Date, locale: Locale): string {
  const wall = new Date(opening.getTime() + KST_OFFSET_MS);
  const clock = wall.toISOString().slice(11, 16);
  const days = Math.round((Date.parse(kstDay(opening.getTime())) - Date.parse(kstDay(now.getTime()))) / DAY_MS);
  const relative: Record<Locale, readonly string[]> = { ko: ['오늘', '내일', '모레'], en: ['today', 'tomorrow'] };
  const word = days >= 0 ? relative[locale][days] : undefined;
  if (word !== undefined) return `${word} ${clock}`;
  const weekday = WEEKDAYS[(wall.getUTCDay() + 6) % 7]!;
  const month = wall.getUTCMonth();
  const date = wall.getUTCDate();
  const sameYear = wall.getUTCFullYear() === new Date(now.getTime() + KST_OFFSET_MS).getUTCFullYear();
  if (locale === 'ko') {
    const year = sameYear ? '' : `${wall.getUTCFullYear()}년 `;
    return `${year}${month + 1}월 ${date}일 ${DAY_NAMES.ko[weekday]}요일 ${clock}`;
  }
  const year = sameYear ? '' : `, ${wall.getUTCFullYear()}`;
  return `${DAY_NAMES.en[weekday]}, ${MONTHS_EN[month]} ${date}${year}, ${clock}`;
}

/** The log and record-history line for a send scheduled to the window's opening. */
export function describeWindowWait(opening: Date | null, now: Date, locale: Locale): string {
  if (opening === null) {
    return locale === 'ko' ? '발송 가능 시간이 없어 대기 (발송 시간 설정 확인)' : 'Waiting: the send window never opens (check its days)';
  }
  const when = describeOpening(opening, now, locale);
  return locale === 'ko' ? `발송 가능 시간까지 대기 (${when})` : `Waiting for the send window (${when})`;
}
