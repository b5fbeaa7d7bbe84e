import { describe, expect, it } from 'vitest';
import type { RepeatConfig } from '../src/index.ts';
import { MAX_REPEAT, decideRepeat, isLastRepeat, nextRunAt, repeatBudget, repeatConfigSchema } from '../src/index.ts';
import { fields, leaf } from './fixtures.ts';

const config: RepeatConfig = { intervalHours: 24, maxRepeat: 3, stopCondition: leaf('status', 'eq', '계약') };
const activeLink = { isActive: true, deleted: false };

describe('repeatConfigSchema', () => {
  it('accepts the plan shape and normalises the stop condition', () => {
    expect(
      repeatConfigSchema.parse({
        intervalHours: 24,
        maxRepeat: 3,
        stopCondition: { field: 'status', value: '계약' },
      }),
    ).toEqual(config);
  });

  it.each([
    [{ intervalHours: 0, maxRepeat: 3 }, ['intervalHours'], 'Interval must be at least 1 hour'],
    [{ intervalHours: 1.5, maxRepeat: 3 }, ['intervalHours'], 'Interval must be a whole number of hours'],
    [{ intervalHours: 721, maxRepeat: 3 }, ['intervalHours'], 'Interval can be at most 720 hours'],
    [{ intervalHours: 'x', maxRepeat: 3 }, ['intervalHours'], 'Interval must be a number of hours'],
    [{ intervalHours: 1, maxRepeat: 0 }, ['maxRepeat'], 'Maximum repeats must be at least 1'],
    [{ intervalHours: 1, maxRepeat: 11 }, ['maxRepeat'], 'Maximum repeats can be at most 10'],
    [{ intervalHours: 1, maxRepeat: 2.5 }, ['maxRepeat'], 'Maximum repeats must be a whole number'],
    [{ intervalHours: 1, maxRepeat: null }, ['maxRepeat'], 'Maximum repeats must be a number'],
  ])('%j', (partial, path, message) => {
    const result = repeatConfigSchema.safeParse({ stopCondition: { field: 'a', value: 1 }, ...partial });
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ path, message });
  });

  it('requires a stop condition', () => {
    const missing = repeatConfigSchema.safeParse({ intervalHours: 1, maxRepeat: 1 });
    expect(missing.error?.issues[0]?.path).toEqual(['stopCondition']);
    const bad = repeatConfigSchema.safeParse({
      intervalHours: 1,
      maxRepeat: 1,
      stopCondition: { field: 'a' },
    });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['stopCondition', 'value'] });
  });
});

describe('nextRunAt', () => {
  it('adds the interval', () => {
    expect(nextRunAt(new Date('2026-03-01T00:00:00Z'), config)).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(nextRunAt(new Date('2026-03-01T23:30:00Z'), { intervalHours: 1 })).toEqual(
      new Date('2026-03-02T00:30:00Z'),
    );
  });
});

describe('decideRepeat', () => {
  const base = { repeatCount: 0, config, link: activeLink, record: { status: '신규' }, fields };

  it('sends while the stop condition is false and budget remains', () => {
    expect(decideRepeat(base)).toMatchObject({ action: 'send', trace: { result: false, actual: '신규' } });
    expect(decideRepeat({ ...base, repeatCount: 2 })).toMatchObject({ action: 'send' });
  });

  it('completes when the stop condition holds', () => {
    expect(decideRepeat({ ...base, record: { status: '계약' } })).toMatchObject({
      action: 'complete',
      reason: 'stop_condition_met',
      trace: { result: true },
    });
  });

  it('completes when the budget is spent', () => {
    expect(decideRepeat({ ...base, repeatCount: 3 })).toMatchObject({
      action: 'complete',
      reason: 'max_repeat_reached',
    });
    expect(decideRepeat({ ...base, repeatCount: 99 })).toMatchObject({
      action: 'complete',
      reason: 'max_repeat_reached',
    });
    expect(decideRepeat({ ...base, repeatCount: Number.NaN })).toMatchObject({ action: 'complete' });
  });

  it('caps a budget above MAX_REPEAT from an old or hand-edited row', () => {
    const big = { ...config, maxRepeat: 50 };
    expect(decideRepeat({ ...base, config: big, repeatCount: MAX_REPEAT - 1 })).toMatchObject({
      action: 'send',
    });
    expect(decideRepeat({ ...base, config: big, repeatCount: MAX_REPEAT })).toMatchObject({
      action: 'complete',
      reason: 'max_repeat_reached',
    });
  });

  it('the stop condition wins over the budget', () => {
    expect(decideRepeat({ ...base, repeatCount: 3, record: { status: '계약' } })).toMatchObject({
      reason: 'stop_condition_met',
    });
  });

  it('cancels in order: link missing or deleted, inactive, record deleted', () => {
    expect(decideRepeat({ ...base, link: null, record: null })).toEqual({
      action: 'cancel',
      reason: 'link_deleted',
    });
    expect(decideRepeat({ ...base, link: { isActive: false, deleted: true } })).toEqual({
      action: 'cancel',
      reason: 'link_deleted',
    });
    expect(decideRepeat({ ...base, link: { isActive: false, deleted: false }, record: null })).toEqual({
      action: 'cancel',
      reason: 'link_inactive',
    });
    expect(decideRepeat({ ...base, record: null, repeatCount: 99 })).toEqual({
      action: 'cancel',
      reason: 'record_deleted',
    });
  });

  it('change operators in a stop condition never hold (no before)', () => {
    const changed = { ...config, stopCondition: leaf('status', 'changed') };
    expect(decideRepeat({ ...base, config: changed })).toMatchObject({
      action: 'send',
      trace: { noteCode: 'no_before' },
    });
  });
});

describe('repeatBudget / isLastRepeat', () => {
  it('ends a series with its maxRepeat-th send, and never later than MAX_REPEAT', () => {
    expect(repeatBudget({ maxRepeat: 3 })).toBe(3);
    expect([1, 2, 3].map((n) => isLastRepeat(n, { maxRepeat: 3 }))).toEqual([false, false, true]);
    // A budget above the cap (an old row, a hand edit) stops at the cap, as decideRepeat does.
    expect(repeatBudget({ maxRepeat: MAX_REPEAT + 5 })).toBe(MAX_REPEAT);
    expect(isLastRepeat(MAX_REPEAT, { maxRepeat: MAX_REPEAT + 5 })).toBe(true);
    expect(isLastRepeat(MAX_REPEAT - 1, { maxRepeat: MAX_REPEAT + 5 })).toBe(false);
  });
});
