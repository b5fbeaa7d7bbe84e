// When a message may reach a customer: a send window is the weekdays and the hours, in KST, that automatic sends and
// repeats may go out in, minus holidays. A send that falls outside is not dropped and not sent: it is scheduled to
// `nextOpening`. The window holds *allowed* hours, so the quiet hours it implies ("not 20:00–09:00") may cross
// midnight while the window itself never does; that keeps "which day does this hour belong to" (for the weekday and
// the holiday list) without an answer to argue about. Holidays are passed in (the org's editable list); see
// korean-holidays.ts for the preload.
import { z } from 'zod';
import { KST_OFFSET_MS, kstDay } from './values.ts';

/** In the order a Korean week is written (월화수목금토일). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type SendWindow = {
  /** The weekdays the window opens on, in WEEKDAYS order, never empty. */
  days: Weekday[];
  /** KST wall-clock time it opens, `HH:mm`, inclusive. */
  start: string;
  /** KST wall-clock time it closes, `HH:mm`, exclusive; `24:00` = until midnight. Always after `start`. */
  end: string;
  /** Closed on the org's holiday list. */
  skipHolidays: boolean;
};

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes after midnight of an `HH:mm` the schema accepted. */
export function windowMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

const time = (what: string, example: string) =>
  z.string({ error: `${what} must be a time like ${example}` }).regex(TIME_RE, `${what} must be a time like ${example} (00:00–24:00)`);

export const sendWindowSchema = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS, { error: 'Days must be mon, tue, wed, thu, fri, sat or sun' }), { error: 'Days must be a list' })
      .min(1, 'Choose at least one day')
      .transform((days) => WEEKDAYS.filter((day) => days.includes(day))),
    start: time('Start', '09:00'),
    end: time('End', '20:00'),
    skipHolidays: z.boolean({ error: 'skipHolidays must be true or false' }).default(true),
  })
  .refine((w) => windowMinutes(w.start) < windowMinutes(w.end), {
    message: 'The window must end after it starts on the same day; windows cannot cross midnight',
    path: ['end'],
  });

/** What a rule says about its window: the org's default, no window at all (urgent notices), or its own. */
export type RuleSendWindow = { mode: 'inherit' } | { mode: 'always' } | { mode: 'custom'; window: SendWindow };

export const ruleSendWindowSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('inherit') }),
    z.object({ mode: z.literal('always') }),
    z.object({ mode: z.literal('custom'), window: sendWindowSchema }),
  ],
  { error: 'Send window mode must be inherit, always or custom' },
);

/** The plan's suggestion for a new org: weekdays 09:00–20:00, closed on public holidays. */
export const DEFAULT_SEND_WINDOW: SendWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '20:00',
  skipHolidays: true,
};

/**
 * The window a rule sends in: its own, none (`always`), or the org's default (`null` = the org sends any time).
 * A rule with no setting inherits, so adding the feature changes no existing rule until the org sets a default.
 */
export function resolveSendWindow(org: SendWindow | null, rule: RuleSendWindow | null | undefined): SendWindow | null {
  if (!rule || rule.mode === 'inherit') return org;
  return rule.mode === 'always' ? null : rule.window;
}

function kstMidnight(instant: number): number {
  return Math.floor((instant + KST_OFFSET_MS) / DAY_MS) * DAY_MS - KST_OFFSET_MS;
}

function weekdayAt(midnight: number): Weekday | undefined {
  // getUTCDay counts from Sunday; WEEKDAYS from Monday.
  return WEEKDAYS[(new Date(midnight + KST_OFFSET_MS).getUTCDay() + 6) % 7];
}

type Calendar = { window: SendWindow; holidays: ReadonlySet<string>; start: number; end: number };

function calendar(window: SendWindow, holidays: Iterable<string>): Calendar {
  return { window, holidays: new Set(holidays), start: windowMinutes(window.start), end: windowMinutes(window.end) };
}

function opensOn(cal: Calendar, midnight: number): boolean {
  const day = weekdayAt(midnight);
  if (day === undefined || !cal.window.days.includes(day)) return false;
  return !(cal.window.skipHolidays && cal.holidays.has(kstDay(midnight)));
}

function inside(cal: Calendar, instant: number): boolean {
  const midnight = kstMidnight(instant);
  const minute = (instant - midnight) / MINUTE_MS;
  return opensOn(cal, midnight) && minute >= cal.start && minute < cal.end;
}

/** Whether a send at `now` is inside the window: an open day, not a skipped holiday, start ≤ time < end (KST). */
export function isInsideWindow(window: SendWindow, holidays: Iterable<string>, now: Date): boolean {
  return inside(calendar(window, holidays), now.getTime());
}

/**
 * `now` when it is inside the window, else the earliest instant after it that is: the window's start on the next
 * day it opens. `null` only for a window that never opens (no days — the schema refuses one) or an invalid date.
 */
export function nextOpening(window: SendWindow, holidays: Iterable<string>, now: Date): Date | null {
  const cal = calendar(window, holidays);
  const t = now.getTime();
  if (inside(cal, t)) return now;
  let midnight = kstMidnight(t);
  if (opensOn(cal, midnight) && t < midnight + cal.start * MINUTE_MS) return new Date(midnight + cal.start * MINUTE_MS);
  // Every 7 days hold an allowed weekday and each holiday closes at most one of them, so this finds the opening.
  const horizon = 7 * (cal.holidays.size + 1);
  for (let i = 1; i <= horizon; i += 1) {
    midnight += DAY_MS;
    if (opensOn(cal, midnight)) return new Date(midnight + cal.start * MINUTE_MS);
  }
  return null;
}

/** `until: null` = the window never opens (see nextOpening): the send waits rather than going out outside it. */
export type WindowDecision = { action: 'send' } | { action: 'wait'; reason: 'send_window'; until: Date | null };

/** What the send path asks once checkSend says "send": now, or wait for the opening. No window (`null`) always sends. */
export function checkSendWindow(window: SendWindow | null, holidays: Iterable<string>, now: Date): WindowDecision {
  if (window === null) return { action: 'send' };
  const opening = nextOpening(window, holidays, now);
  if (opening === now) return { action: 'send' };
  return { action: 'wait', reason: 'send_window', until: opening };
}
