import { describe, expect, it } from 'vitest';
import { intervalParts, parseRepeatFilters, serializeRepeatFilters, toRepeatQuery } from './filters';

const RULE = '3f1c2a9e-7b6d-4e21-9a0b-2c4d6e8f0a1b';

describe('repeat filters', () => {
  it('reads the status and rule, dropping anything else', () => {
    expect(parseRepeatFilters(new URLSearchParams(`status=pending&rule=${RULE}`))).toEqual({ status: 'pending', rule: RULE });
    expect(parseRepeatFilters(new URLSearchParams('status=paused&rule=x'))).toEqual({});
  });

  it('round-trips and maps to the API input', () => {
    const filters = { status: 'cancelled', rule: RULE } as const;
    expect(parseRepeatFilters(serializeRepeatFilters(filters))).toEqual(filters);
    expect(serializeRepeatFilters({}).toString()).toBe('');
    expect(toRepeatQuery(filters)).toEqual({ status: 'cancelled', linkId: RULE });
    expect(toRepeatQuery({})).toEqual({});
  });

  it('speaks of days once the interval is whole days', () => {
    expect(intervalParts(48)).toEqual({ unit: 'days', value: 2 });
    expect(intervalParts(36)).toEqual({ unit: 'hours', value: 36 });
    expect(intervalParts(6)).toEqual({ unit: 'hours', value: 6 });
  });
});
