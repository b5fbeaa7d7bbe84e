import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEND_WINDOW,
  WEEKDAYS,
  checkSendWindow,
  isInsideWindow,
  nextOpening,
  resolveSendWindow,
  ruleSendWindowSchema,
  sendWindowSchema,
  type SendWindow,
  type Weekday,
} from '../src/index.ts';

const kst = (wall: string) => new Date(`${wall}+09:00`);
const weekdays = DEFAULT_SEND_WINDOW; // mon–fri 09:00–20:00, holidays closed

describe('isInsideWindow', () => {
  // 2026-12-02 is a Wednesday.
  it('is inside from the start minute up to, not including, the end', () => {
    expect(isInsideWindow(weekdays, [], kst('2026-12-02T08:59:59.999'))).toBe(false);
    expect(isInsideWindow(weekdays, [], kst('2026-12-02T09:00:00'))).toBe(true);
    expect(isInsideWindow(weekdays, [], kst('2026-12-02T19:59:59.999'))).toBe(true);
    expect(isInsideWindow(weekdays, [], kst('2026-12-02T20:00:00'))).toBe(false);
  });

  it('reads the time in KST, not UTC', () => {
    // 01:00 UTC is 10:00 in Seoul.
    expect(isInsideWindow(weekdays, [], new Date('2026-12-02T01:00:00Z'))).toBe(true);
    // 23:30 UTC on Friday is 08:30 on Saturday in Seoul.
    expect(isInsideWindow({ ...weekdays, start: '00:00', end: '24:00' }, [], new Date('2026-12-04T23:30:00Z'))).toBe(false);
  });

  it('is closed on a holiday only when the window skips holidays', () => {
    expect(isInsideWindow(weekdays, ['2026-12-02'], kst('2026-12-02T10:00'))).toBe(false);
    expect(isInsideWindow({ ...weekdays, skipHolidays: false }, ['2026-12-02'], kst('2026-12-02T10:00'))).toBe(true);
  });

  it('is closed on days the window does not list', () => {
    expect(isInsideWindow(weekdays, [], kst('2026-12-05T10:00'))).toBe(false); // Saturday
  });

  it('24:00 keeps the window open to the last millisecond of the day', () => {
    expect(isInsideWindow({ ...weekdays, end: '24:00' }, [], kst('2026-12-02T23:59:59.999'))).toBe(true);
  });
});

describe('nextOpening', () => {
  it('is now when now is inside', () => {
    const now = kst('2026-12-02T10:00');
    expect(nextOpening(weekdays, [], now)).toBe(now);
  });

  it('is later today before the window opens, and the next open day after it closes', () => {
    expect(nextOpening(weekdays, [], kst('2026-12-02T07:00'))).toEqual(kst('2026-12-02T09:00'));
    expect(nextOpening(weekdays, [], kst('2026-12-02T20:00'))).toEqual(kst('2026-12-03T09:00'));
    // Friday evening → Monday morning.
    expect(nextOpening(weekdays, [], kst('2026-12-04T21:00'))).toEqual(kst('2026-12-07T09:00'));
  });

  it('skips holidays in a row (설날 2026: 16–18 Feb, Mon–Wed)', () => {
    const seollal = ['2026-02-16', '2026-02-17', '2026-02-18'];
    expect(nextOpening(weekdays, seollal, kst('2026-02-13T20:30'))).toEqual(kst('2026-02-19T09:00'));
  });

  it('is null for a window with no days and for an invalid date, never a time outside', () => {
    expect(nextOpening({ ...weekdays, days: [] }, [], kst('2026-12-02T07:00'))).toBeNull();
    expect(nextOpening(weekdays, [], new Date(Number.NaN))).toBeNull();
  });
});

describe('checkSendWindow', () => {
  it('sends with no window, and inside one', () => {
    expect(checkSendWindow(null, [], kst('2026-12-05T03:00'))).toEqual({ action: 'send' });
    expect(checkSendWindow(weekdays, [], kst('2026-12-02T10:00'))).toEqual({ action: 'send' });
  });

  it('waits for the opening outside, with no end for a window that never opens', () => {
    expect(checkSendWindow(weekdays, [], kst('2026-12-02T21:00'))).toEqual({ action: 'wait', reason: 'send_window', until: kst('2026-12-03T09:00') });
    expect(checkSendWindow({ ...weekdays, days: [] }, [], kst('2026-12-02T21:00'))).toEqual({ action: 'wait', reason: 'send_window', until: null });
  });
});

describe('resolveSendWindow', () => {
  const org: SendWindow = weekdays;
  const own: SendWindow = { days: ['sat'], start: '10:00', end: '12:00', skipHolidays: false };
  it('inherits the org default unless the rule says always or has its own', () => {
    expect(resolveSendWindow(org, undefined)).toBe(org);
    expect(resolveSendWindow(org, null)).toBe(org);
    expect(resolveSendWindow(org, { mode: 'inherit' })).toBe(org);
    expect(resolveSendWindow(null, { mode: 'inherit' })).toBeNull();
    expect(resolveSendWindow(org, { mode: 'always' })).toBeNull();
    expect(resolveSendWindow(org, { mode: 'custom', window: own })).toBe(own);
  });
});

describe('sendWindowSchema', () => {
  it('accepts a window, orders and dedupes its days, and skips holidays by default', () => {
    expect(sendWindowSchema.parse({ days: ['fri', 'mon', 'fri'], start: '09:00', end: '24:00' })).toEqual({
      days: ['mon', 'fri'],
      start: '09:00',
      end: '24:00',
      skipHolidays: true,
    });
  });

  it.each([
    [{ days: [], start: '09:00', end: '20:00' }, 'Choose at least one day'],
    [{ days: ['funday'], start: '09:00', end: '20:00' }, 'Days must be mon, tue, wed, thu, fri, sat or sun'],
    [{ days: ['mon'], start: '9:00', end: '20:00' }, 'Start must be a time like 09:00 (00:00–24:00)'],
    [{ days: ['mon'], start: '09:00', end: '24:01' }, 'End must be a time like 20:00 (00:00–24:00)'],
    [{ days: ['mon'], start: '22:00', end: '06:00' }, 'The window must end after it starts on the same day; windows cannot cross midnight'],
    [{ days: ['mon'], start: '09:00', end: '09:00' }, 'The window must end after it starts on the same day; windows cannot cross midnight'],
    [{ days: ['mon'], start: '24:00', end: '24:00' }, 'The window must end after it starts on the same day; windows cannot cross midnight'],
  ])('refuses %j: %s', (input, message) => {
    const result = sendWindowSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('reads a rule setting by mode', () => {
    expect(ruleSendWindowSchema.parse({ mode: 'always' })).toEqual({ mode: 'always' });
    expect(ruleSendWindowSchema.safeParse({ mode: 'sometimes' }).error?.issues[0]?.message).toBe('Send window mode must be inherit, always or custom');
  });
});

// The oracle reads the wall clock through Date's own UTC fields on a shifted instant, independently of the
// module's day arithmetic, and looks for the opening minute by minute.
const MINUTE = 60_000;
function oracleInside(w: SendWindow, holidays: readonly string[], t: number): boolean {
  const wall = new Date(t + 9 * 60 * MINUTE);
  const day = WEEKDAYS[(wall.getUTCDay() + 6) % 7]!;
  if (!w.days.includes(day)) return false;
  if (w.skipHolidays && holidays.includes(wall.toISOString().slice(0, 10))) return false;
  const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes() + (wall.getUTCSeconds() * 1000 + wall.getUTCMilliseconds()) / MINUTE;
  const [sh, sm] = w.start.split(':').map(Number);
  const [eh, em] = w.end.split(':').map(Number);
  return minute >= sh! * 60 + sm! && minute < eh! * 60 + em!;
}
function oracleOpening(w: SendWindow, holidays: readonly string[], t: number): number {
  if (oracleInside(w, holidays, t)) return t;
  for (let m = Math.ceil(t / MINUTE) * MINUTE; ; m += MINUTE) if (oracleInside(w, holidays, m)) return m;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const windowArb: fc.Arbitrary<SendWindow> = fc
  .record({
    days: fc.subarray([...WEEKDAYS] as Weekday[], { minLength: 1 }),
    a: fc.integer({ min: 0, max: 1440 }),
    b: fc.integer({ min: 0, max: 1440 }),
    skipHolidays: fc.boolean(),
  })
  .filter(({ a, b }) => a !== b)
  .map(({ days, a, b, skipHolidays }) => ({ days, start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)), skipHolidays }));
const FROM = Date.parse('2026-01-01T00:00:00Z');
const timeArb = fc.integer({ min: FROM, max: FROM + 2 * 365 * 24 * 60 * MINUTE });
// Holidays near the chosen time, so they close days the search has to step over.
const caseArb = fc
  .tuple(windowArb, timeArb, fc.array(fc.integer({ min: -1, max: 20 }), { maxLength: 12 }))
  .map(([w, t, offsets]) => ({ w, t, holidays: offsets.map((d) => new Date(t + 9 * 60 * MINUTE + d * 1440 * MINUTE).toISOString().slice(0, 10)) }));

describe('send window properties (random windows, times and holidays, KST)', () => {
  it('the opening is inside the window and is the earliest such instant at or after now', () => {
    fc.assert(
      fc.property(caseArb, ({ w, t, holidays }) => {
        const opening = nextOpening(w, holidays, new Date(t));
        expect(opening).not.toBeNull();
        expect(oracleInside(w, holidays, opening!.getTime())).toBe(true);
        expect(opening!.getTime()).toBe(oracleOpening(w, holidays, t));
      }),
      { numRuns: 300 },
    );
  });

  it('isInsideWindow agrees with the oracle, and checkSendWindow never lets a send out outside', () => {
    fc.assert(
      fc.property(caseArb, ({ w, t, holidays }) => {
        const now = new Date(t);
        expect(isInsideWindow(w, holidays, now)).toBe(oracleInside(w, holidays, t));
        const decision = checkSendWindow(w, holidays, now);
        if (decision.action === 'send') expect(oracleInside(w, holidays, t)).toBe(true);
        else expect(decision.until!.getTime()).toBeGreaterThan(t);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: asking again at the opening returns the opening', () => {
    fc.assert(
      fc.property(caseArb, ({ w, t, holidays }) => {
        const opening = nextOpening(w, holidays, new Date(t))!;
        expect(nextOpening(w, holidays, opening)).toBe(opening);
      }),
    );
  });

  it('accepts what the schema accepts and the schema accepts every generated window', () => {
    fc.assert(
      fc.property(windowArb, (w) => {
        expect(sendWindowSchema.parse(w)).toEqual(w);
      }),
    );
  });
});
