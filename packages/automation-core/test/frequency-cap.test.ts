import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SEND_STATUSES,
  SEND_TRIGGER_TYPES,
  SUGGESTED_FREQUENCY_CAP,
  checkFrequencyCap,
  countsTowardCap,
  frequencyCapSkip,
  frequencyCapSchema,
  type FrequencyCap,
} from '../src/index.ts';

const HOUR = 60 * 60 * 1000;
const now = new Date('2026-12-02T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const cap = SUGGESTED_FREQUENCY_CAP; // 3 per 24 h

describe('checkFrequencyCap', () => {
  it('allows sends under the cap and says how many are left', () => {
    expect(checkFrequencyCap([], cap, now)).toEqual({ allowed: true, count: 0, remaining: 3 });
    expect(checkFrequencyCap([ago(1), ago(2)], cap, now)).toEqual({ allowed: true, count: 2, remaining: 1 });
  });

  it('skips the N+1th within the period, until the oldest counted send leaves it', () => {
    expect(checkFrequencyCap([ago(1), ago(5), ago(20)], cap, now)).toEqual({
      allowed: false,
      reason: 'frequency_cap',
      count: 3,
      limit: 3,
      until: new Date(ago(20).getTime() + 24 * HOUR),
    });
  });

  it('forgets a send exactly one period old (half-open, like the cooldown)', () => {
    expect(checkFrequencyCap([ago(1), ago(5), ago(24)], cap, now)).toMatchObject({ allowed: true, count: 2 });
  });

  it('counts a send stamped after now (another worker’s clock)', () => {
    expect(checkFrequencyCap([ago(1), ago(2), ago(-0.01)], cap, now)).toMatchObject({ allowed: false, count: 3 });
  });

  it('with no cap allows everything', () => {
    expect(checkFrequencyCap([ago(1), ago(1), ago(1), ago(1)], null, now)).toEqual({ allowed: true, count: 0, remaining: Number.POSITIVE_INFINITY });
  });

  const capArb = fc.record({ limit: fc.integer({ min: 1, max: 6 }), periodHours: fc.integer({ min: 1, max: 72 }) });
  const sendsArb = fc.array(fc.integer({ min: -100 * HOUR, max: HOUR }), { maxLength: 15 });

  it('property: allowed exactly when fewer than `limit` sends fall in the period', () => {
    fc.assert(
      fc.property(capArb, sendsArb, (c: FrequencyCap, offsets) => {
        const sentAt = offsets.map((o) => new Date(now.getTime() + o));
        const inPeriod = offsets.filter((o) => o > -c.periodHours * HOUR).length;
        expect(checkFrequencyCap(sentAt, c, now).allowed).toBe(inPeriod < c.limit);
      }),
    );
  });

  it('property: `until` is the first instant a send is allowed again', () => {
    fc.assert(
      fc.property(capArb, sendsArb, (c: FrequencyCap, offsets) => {
        const sentAt = offsets.map((o) => new Date(now.getTime() + o));
        const decision = checkFrequencyCap(sentAt, c, now);
        if (decision.allowed) return;
        expect(decision.until.getTime()).toBeGreaterThan(now.getTime());
        expect(checkFrequencyCap(sentAt, c, decision.until).allowed).toBe(true);
        expect(checkFrequencyCap(sentAt, c, new Date(decision.until.getTime() - 1)).allowed).toBe(false);
      }),
    );
  });

  it('property: replaying the sends one by one never lets N+1 through in any period', () => {
    fc.assert(
      fc.property(capArb, fc.array(fc.integer({ min: 0, max: 200 * HOUR }), { maxLength: 30 }), (c: FrequencyCap, attempts) => {
        const sent: number[] = [];
        for (const t of [...attempts].sort((a, b) => a - b)) {
          if (checkFrequencyCap(sent.map((s) => new Date(s)), c, new Date(t)).allowed) sent.push(t);
        }
        for (const t of sent) expect(sent.filter((s) => s > t - c.periodHours * HOUR && s <= t).length).toBeLessThanOrEqual(c.limit);
      }),
    );
  });
});

describe('frequencyCapSkip', () => {
  it('is null under the cap, and a skip naming the count, the limit and when it frees up over it', () => {
    expect(frequencyCapSkip(cap, [ago(1)], now)).toBeNull();
    expect(frequencyCapSkip(null, [ago(1), ago(1), ago(1)], now)).toBeNull();
    expect(frequencyCapSkip(cap, [ago(1), ago(5), ago(20)], now)).toEqual({
      reason: 'frequency_cap',
      message: 'This number already had 3 automatic messages within 24 h (limit 3); next send allowed after 2026-12-02T16:00:00.000Z.',
      detail: { length: 3, limit: 3, until: new Date('2026-12-02T16:00:00Z') },
    });
  });
});

describe('countsTowardCap', () => {
  it('counts automatic and repeat sends that may reach the customer, and failed ones that fell back to SMS', () => {
    const counted = SEND_TRIGGER_TYPES.flatMap((triggerType) =>
      SEND_STATUSES.filter((status) => countsTowardCap({ triggerType, status })).map((status) => `${triggerType}:${status}`),
    );
    expect(counted).toEqual(['auto:pending', 'auto:accepted', 'auto:delivered', 'repeat:pending', 'repeat:accepted', 'repeat:delivered']);
    expect(countsTowardCap({ triggerType: 'auto', status: 'failed', fallbackSent: true })).toBe(true);
    expect(countsTowardCap({ triggerType: 'auto', status: 'failed', fallbackSent: false })).toBe(false);
    expect(countsTowardCap({ triggerType: 'manual', status: 'failed', fallbackSent: true })).toBe(false);
  });
});

describe('frequencyCapSchema', () => {
  it('takes whole numbers within bounds, with a message for each problem', () => {
    expect(frequencyCapSchema.parse({ limit: 3, periodHours: 24 })).toEqual({ limit: 3, periodHours: 24 });
    const message = (input: unknown) => frequencyCapSchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ limit: 0, periodHours: 24 })).toBe('The cap must allow at least 1 message');
    expect(message({ limit: 1.5, periodHours: 24 })).toBe('The cap must be a whole number of messages');
    expect(message({ limit: 101, periodHours: 24 })).toBe('The cap can be at most 100 messages');
    expect(message({ limit: '3', periodHours: 24 })).toBe('The cap must be a number of messages');
    expect(message({ limit: 3, periodHours: 0 })).toBe('The period must be at least 1 hour');
    expect(message({ limit: 3, periodHours: 721 })).toBe('The period can be at most 720 hours');
    expect(message({ limit: 3, periodHours: 2.5 })).toBe('The period must be a whole number of hours');
    expect(message({ limit: 3 })).toBe('The period must be a number of hours');
  });
});
