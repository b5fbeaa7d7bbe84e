import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTOMATION_DECISIONS,
  AUTOMATION_EVENT_KINDS,
  EVENT_REASONS,
  SEND_STATUSES,
  SEND_TRIGGER_TYPES,
  dailyFunnel,
  median,
  resultsByRule,
  resultsPeriod,
  ruleResults,
  type ResultEventRow,
  type ResultRows,
  type ResultSendRow,
  type ResultSeriesRow,
} from '../src/index.ts';

const now = new Date('2026-12-02T12:00:00+09:00');
const week = resultsPeriod(7, now);
const HOUR = 60 * 60 * 1000;
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

const event = (over: Partial<ResultEventRow>): ResultEventRow => ({ linkId: 'r1', kind: 'update', decision: 'fired', reason: null, at: at(1), ...over });
const send = (over: Partial<ResultSendRow>): ResultSendRow => ({
  linkId: 'r1',
  triggerType: 'auto',
  status: 'delivered',
  reason: null,
  fallbackSent: false,
  at: at(1),
  ...over,
});
const series = (over: Partial<ResultSeriesRow>): ResultSeriesRow => ({
  linkId: 'r1',
  status: 'completed',
  endReason: 'stop_condition_met',
  firstSentAt: at(50),
  endedAt: at(2),
  ...over,
});
const rows = (over: Partial<ResultRows>): ResultRows => ({ events: [], sends: [], series: [], ...over });

describe('ruleResults funnel', () => {
  it('counts evaluated → matched → sent → delivered → failed, and fallbacks', () => {
    const result = ruleResults(
      'r1',
      rows({
        events: [
          event({}),
          event({ kind: 'create' }),
          event({ kind: 'repeat' }),
          event({ decision: 'skipped', reason: 'cooldown' }), // matched, stopped by a send check
          event({ decision: 'skipped', reason: 'condition_false' }), // looked at, did not match
          event({ decision: 'completed', reason: 'stop_condition_met', kind: 'repeat' }), // ends a series, not a look
          event({ decision: 'cancelled', reason: 'record_deleted', kind: 'repeat' }),
          event({ kind: 'manual' }), // an admin's send, not the rule's
        ],
        sends: [
          send({}),
          send({ triggerType: 'repeat', status: 'accepted' }),
          send({ status: 'failed', reason: 'delivery_failed', fallbackSent: true }),
          send({ status: 'failed', reason: 'nhn_refused' }),
          send({ status: 'pending' }),
          send({ status: 'skipped', reason: 'cooldown' }),
          send({ triggerType: 'manual' }),
          send({ triggerType: 'test' }),
        ],
      }),
      week,
    );
    expect(result.funnel).toEqual({ evaluated: 5, matched: 4, sent: 3, delivered: 1, failed: 2, fallbackSent: 1 });
  });

  it('keeps to the rule and the period [from, to)', () => {
    const result = ruleResults(
      'r1',
      rows({
        events: [event({ linkId: 'r2' }), event({ at: at(7 * 24) }), event({ at: at(7 * 24 + 1) }), event({ at: now })],
        sends: [send({ linkId: 'r2' }), send({ at: at(24 * 8) })],
      }),
      week,
    );
    expect(result.funnel).toMatchObject({ evaluated: 1, sent: 0 });
  });
});

describe('ruleResults goal rate', () => {
  it('is the share of ended series that ended on the stop condition, with the median time to it', () => {
    const result = ruleResults(
      'r1',
      rows({
        series: [
          series({ firstSentAt: at(50), endedAt: at(2) }), // 48 h
          series({ firstSentAt: at(30), endedAt: at(6) }), // 24 h
          series({ endReason: 'max_repeat_reached' }),
          series({ status: 'cancelled', endReason: 'cancelled_by_user' }),
          series({ status: 'pending', endReason: null, endedAt: null }), // still running
          series({ endedAt: at(24 * 10) }), // ended before the period
          series({ linkId: 'r2' }),
        ],
      }),
      week,
    );
    expect(result.goal).toEqual({ ended: 4, goalReached: 2, goalRate: 0.5, medianMsToGoal: 36 * HOUR });
  });

  it('is null with nothing to measure', () => {
    expect(ruleResults('r1', rows({}), week).goal).toEqual({ ended: 0, goalReached: 0, goalRate: null, medianMsToGoal: null });
    // Reached, but with no first message on record (a series from before first sends were stamped).
    expect(ruleResults('r1', rows({ series: [series({ firstSentAt: null })] }), week).goal).toMatchObject({ goalRate: 1, medianMsToGoal: null });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('resultsByRule', () => {
  it('lists every rule with rows in the period, in id order', () => {
    const all = rows({ events: [event({ linkId: 'b' }), event({ linkId: 'gone', at: at(24 * 9) })], sends: [send({ linkId: 'a' })], series: [series({ linkId: 'c' }), series({ linkId: 'old', endedAt: at(24 * 30) })] });
    const byRule = resultsByRule(all, week);
    expect([...byRule.keys()]).toEqual(['a', 'b', 'c']);
    expect(byRule.get('c')!.goal.goalReached).toBe(1);
  });
});

describe('dailyFunnel', () => {
  it('has one entry per KST day of the period, zeros included', () => {
    const period = { from: new Date('2026-11-29T00:00:00+09:00'), to: new Date('2026-12-02T00:00:00+09:00') };
    const days = dailyFunnel(
      'r1',
      rows({
        events: [event({ at: new Date('2026-11-30T23:59:00+09:00') }), event({ linkId: 'r2', at: new Date('2026-11-30T10:00:00+09:00') })],
        sends: [send({ at: new Date('2026-11-29T00:00:00+09:00') })],
      }),
      period,
    );
    expect(days.map((d) => [d.day, d.evaluated, d.delivered])).toEqual([
      ['2026-11-29', 0, 1],
      ['2026-11-30', 1, 0],
      ['2026-12-01', 0, 0],
    ]);
  });
});

const eventArb = fc.record({
  linkId: fc.constantFrom('r1', 'r2'),
  kind: fc.constantFrom(...AUTOMATION_EVENT_KINDS),
  decision: fc.constantFrom(...AUTOMATION_DECISIONS),
  reason: fc.option(fc.constantFrom(...EVENT_REASONS)),
  at: fc.integer({ min: -10 * 24, max: 24 }).map(at),
});
const sendArb = fc.record({
  linkId: fc.constantFrom('r1', 'r2'),
  triggerType: fc.constantFrom(...SEND_TRIGGER_TYPES),
  status: fc.constantFrom(...SEND_STATUSES),
  reason: fc.option(fc.constantFrom('delivery_failed', 'nhn_refused', 'cooldown')),
  fallbackSent: fc.boolean(),
  at: fc.integer({ min: -10 * 24, max: 24 }).map(at),
});

describe('rule results properties', () => {
  it('the funnel narrows (matched ≤ evaluated, delivered ≤ sent) and the days add up to the period', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), fc.array(sendArb, { maxLength: 30 }), (events, sends) => {
        const all = rows({ events, sends });
        const { funnel } = ruleResults('r1', all, week);
        expect(funnel.matched).toBeLessThanOrEqual(funnel.evaluated);
        expect(funnel.delivered).toBeLessThanOrEqual(funnel.sent);
        const days = dailyFunnel('r1', all, week);
        const keys = ['evaluated', 'matched', 'sent', 'delivered', 'failed', 'fallbackSent'] as const;
        for (const key of keys) expect(days.reduce((sum, d) => sum + d[key], 0)).toBe(funnel[key]);
      }),
    );
  });
});

describe('grouped rows (count)', () => {
  it('a row with count n gives the same funnel, per rule and per day, as n copies of it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eventArb, fc.integer({ min: 1, max: 5 })), { maxLength: 20 }),
        fc.array(fc.tuple(sendArb, fc.integer({ min: 1, max: 5 })), { maxLength: 20 }),
        (events, sends) => {
          const grouped = rows({ events: events.map(([e, count]) => ({ ...e, count })), sends: sends.map(([s, count]) => ({ ...s, count })) });
          const expanded = rows({
            events: events.flatMap(([e, n]) => Array.from({ length: n }, () => e)),
            sends: sends.flatMap(([s, n]) => Array.from({ length: n }, () => s)),
          });
          expect(ruleResults('r1', grouped, week)).toEqual(ruleResults('r1', expanded, week));
          expect(dailyFunnel('r1', grouped, week)).toEqual(dailyFunnel('r1', expanded, week));
        },
      ),
    );
  });

  it('counts a group of 3 delivered sends as 3 sent and 3 delivered', () => {
    const { funnel } = ruleResults('r1', rows({ sends: [send({ count: 3 })], events: [event({ count: 4 })] }), week);
    expect(funnel).toMatchObject({ evaluated: 4, matched: 4, sent: 3, delivered: 3, failed: 0 });
  });
});
