import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTOMATION_DECISIONS,
  ENROLMENT_ERRORS,
  describeEnrolmentError,
  readEnrolmentError,
  ENROLMENT_OUTCOMES,
  EVENT_REASONS,
  RENDER_SKIP_REASONS,
  RETRYABLE_ENROLMENT_REASONS,
  SEND_SKIP_REASONS,
  addTallies,
  emptyTally,
  enrolmentDecision,
  enrolmentOutcome,
  enrolmentProgress,
  readTally,
  ruleResults,
  resultsPeriod,
  tallyOutcomes,
  tallyRetryable,
  tallySent,
  tallySkipped,
  type EnrolmentDecision,
  type EnrolmentFinding,
} from '../src/index.ts';

const fired = (reason: string | null = null): EnrolmentDecision => ({ decision: 'fired', reason });
const skipped = (reason: string): EnrolmentDecision => ({ decision: 'skipped', reason });

describe('enrolmentOutcome', () => {
  it('tells a send now from one held by the send window', () => {
    expect(enrolmentOutcome(fired())).toBe('sent');
    expect(enrolmentOutcome(fired('send_window'))).toBe('held');
  });

  it('breaks skips out by reason, render problems together', () => {
    expect(enrolmentOutcome(skipped('cooldown'))).toBe('cooldown');
    expect(enrolmentOutcome(skipped('frequency_cap'))).toBe('frequency_cap');
    expect(enrolmentOutcome(skipped('already_sent'))).toBe('already_sent');
    expect(enrolmentOutcome(skipped('invalid_phone'))).toBe('no_phone');
    expect(enrolmentOutcome(skipped('template_not_approved'))).toBe('template_not_approved');
    expect(enrolmentOutcome(skipped('condition_false'))).toBe('no_longer_matching');
    for (const reason of [...RENDER_SKIP_REASONS, 'render_failed']) expect(enrolmentOutcome(skipped(reason))).toBe('render_failed');
  });

  it('reads a reason or decision it does not know as other, never throws', () => {
    expect(enrolmentOutcome(skipped('something_new'))).toBe('other');
    expect(enrolmentOutcome({ decision: 'skipped', reason: null })).toBe('other');
    expect(enrolmentOutcome({ decision: 'completed', reason: 'stop_condition_met' })).toBe('other');
  });
});

describe('tallies', () => {
  it('counts a page, and sent + skipped is every considered record', () => {
    const tally = tallyOutcomes([fired(), fired(), fired('send_window'), skipped('cooldown'), skipped('already_sent'), skipped('missing_value')]);
    expect(tally).toEqual({ ...emptyTally(), sent: 2, held: 1, cooldown: 1, already_sent: 1, render_failed: 1 });
    expect(tallySent(tally)).toBe(3);
    expect(tallySkipped(tally)).toBe(3);
    expect(tallyRetryable(tally)).toBe(1);
  });

  it('only the cooldown and the frequency cap are retried: the others need a change first, or were sent', () => {
    expect([...RETRYABLE_ENROLMENT_REASONS].sort()).toEqual(['cooldown', 'frequency_cap']);
    expect(tallyRetryable({ ...emptyTally(), cooldown: 2, frequency_cap: 3, no_phone: 4, already_sent: 5, held: 6 })).toBe(5);
  });

  it('reads a stored tally leniently: bad or unknown values are 0', () => {
    expect(readTally(null)).toEqual(emptyTally());
    expect(readTally([1, 2])).toEqual(emptyTally());
    expect(readTally({ sent: 3, cooldown: -1, held: 1.5, no_phone: '2', nonsense: 9 })).toEqual({ ...emptyTally(), sent: 3 });
  });

  const decisionArb = fc.record({
    decision: fc.constantFrom(...AUTOMATION_DECISIONS),
    reason: fc.option(fc.oneof(fc.constantFrom(...EVENT_REASONS), fc.string({ maxLength: 8 }))),
  });

  it('property: pages add up to the whole run, and every record lands in exactly one outcome', () => {
    fc.assert(
      fc.property(fc.array(fc.array(decisionArb, { maxLength: 20 }), { maxLength: 6 }), (pages) => {
        const whole = tallyOutcomes(pages.flat());
        const summed = pages.map(tallyOutcomes).reduce(addTallies, emptyTally());
        expect(summed).toEqual(whole);
        expect(tallySent(whole) + tallySkipped(whole)).toBe(pages.flat().length);
        expect(readTally(JSON.parse(JSON.stringify(whole)))).toEqual(whole);
        expect(Object.keys(whole).sort()).toEqual([...ENROLMENT_OUTCOMES].sort());
      }),
    );
  });
});

describe('enrolmentProgress', () => {
  it('is the share of the matching records considered, kept within 0–1', () => {
    expect(enrolmentProgress(0, 40)).toBe(0);
    expect(enrolmentProgress(10, 40)).toBe(0.25);
    expect(enrolmentProgress(41, 40)).toBe(1);
    expect(enrolmentProgress(0, 0)).toBe(0);
    expect(enrolmentProgress(3, 0)).toBe(1);
  });

  it('property: never outside 0–1 and never goes back as records are considered', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(100), (considered, total, more) => {
        const p = enrolmentProgress(considered, total);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(enrolmentProgress(considered + more, total)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe('enrolled records in the rule results', () => {
  const now = new Date('2026-12-02T12:00:00+09:00');
  const week = resultsPeriod(7, now);
  const ev = (decision: 'fired' | 'skipped', reason: string | null) => ({ linkId: 'r1', kind: 'enrol' as const, decision, reason, at: new Date(now.getTime() - 3_600_000) });

  it('every considered record is evaluated and matched — an already-sent one too; a retry’s record that stopped matching is not', () => {
    const events = [ev('fired', null), ev('fired', 'send_window'), ev('skipped', 'cooldown'), ev('skipped', 'already_sent'), ev('skipped', 'condition_false')];
    const { funnel } = ruleResults('r1', { events, sends: [], series: [] }, week);
    expect(funnel).toMatchObject({ evaluated: 5, matched: 4 });
  });
});

describe('enrolmentDecision', () => {
  const sendResult = fc.oneof(
    fc.record({ outcome: fc.constant('queued' as const), held: fc.boolean() }),
    fc.record({ outcome: fc.constant('skipped' as const), reason: fc.constantFrom(...SEND_SKIP_REASONS) }),
    fc.constant({ outcome: 'duplicate' as const }),
  );
  const finding: fc.Arbitrary<EnrolmentFinding> = fc.oneof(
    fc.constant({ matched: false as const }),
    fc.constant({ matched: true as const, alreadySent: true as const }),
    sendResult.map((send) => ({ matched: true as const, alreadySent: false as const, send })),
  );

  it('never counts a record the rule already sent to, or one that stopped matching, as sent', () => {
    fc.assert(
      fc.property(finding, (f) => {
        const decision = enrolmentDecision(f);
        const outcome = decision && enrolmentOutcome(decision);
        if (!f.matched) expect(outcome).toBe('no_longer_matching');
        else if (f.alreadySent) expect(outcome).toBe('already_sent');
        else if (f.send.outcome === 'duplicate') expect(decision).toBeNull();
        else if (f.send.outcome === 'queued') expect(outcome).toBe(f.send.held ? 'held' : 'sent');
        else expect(outcome === 'sent' || outcome === 'held').toBe(false);
      }),
    );
  });

  it('tallies a page of findings into sent + skipped = events written', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 50 }), (findings) => {
        const decisions = findings.flatMap((f) => enrolmentDecision(f) ?? []);
        const tally = tallyOutcomes(decisions);
        expect(tallySent(tally) + tallySkipped(tally)).toBe(decisions.length);
        expect(tallySent(tally)).toBe(findings.filter((f) => f.matched && !f.alreadySent && f.send.outcome === 'queued').length);
        expect(tally.already_sent).toBe(findings.filter((f) => f.matched && f.alreadySent).length);
      }),
    );
  });

  it('keeps the send decision\'s skip reason, so a retry finds its cooldown and frequency-cap skips', () => {
    for (const reason of RETRYABLE_ENROLMENT_REASONS) {
      const decision = enrolmentDecision({ matched: true, alreadySent: false, send: { outcome: 'skipped', reason } });
      expect(decision).toEqual({ decision: 'skipped', reason });
      expect(tallyRetryable(tallyOutcomes([decision!]))).toBe(1);
    }
  });
});

describe('enrolment errors', () => {
  it('reads a stored code as itself, and the English text of older runs by its opening words', () => {
    expect(readEnrolmentError(null)).toBeNull();
    expect(readEnrolmentError('')).toBeNull();
    for (const code of ENROLMENT_ERRORS) expect(readEnrolmentError(code)).toBe(code);
    expect(readEnrolmentError('The rule was deleted or switched off; the remaining records were not sent to.')).toBe('rule_unavailable');
    expect(readEnrolmentError('The run stopped on a server error; it is retried automatically and continues where it stopped.')).toBe('server_error');
  });

  it('words every code in Korean and English', () => {
    for (const code of ENROLMENT_ERRORS) {
      expect(describeEnrolmentError(code, 'ko')).toMatch(/[가-힣]/);
      expect(describeEnrolmentError(code, 'en')).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(describeEnrolmentError('rule_unavailable', 'ko')).toContain('규칙');
  });
});
