import { describe, expect, it } from 'vitest';
import { describePhoneProblem, formatPhone, normalizePhone } from '../src/index.ts';

describe('normalizePhone accepts Korean mobile numbers', () => {
  it.each([
    ['010-1234-5678', '01012345678'],
    ['01012345678', '01012345678'],
    [' 010 1234 5678 ', '01012345678'],
    ['010.1234.5678', '01012345678'],
    ['(010) 1234-5678', '01012345678'],
    ['+82 10 1234 5678', '01012345678'],
    ['+82-10-1234-5678', '01012345678'],
    ['+82 010-1234-5678', '01012345678'],
    ['82-10-1234-5678', '01012345678'],
    ['821012345678', '01012345678'],
    ['0082 10 1234 5678', '01012345678'],
    ['011-123-4567', '0111234567'],
    ['016-1234-5678', '01612345678'],
    ['017 123 4567', '0171234567'],
    ['018-123-4567', '0181234567'],
    ['019-1234-5678', '01912345678'],
  ])('%j → %s', (input, expected) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: expected });
  });
});

describe('normalizePhone rejects with a reason', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    [null, /must be text/],
    [1012345678, /must be text/],
    ['010-1234-567a', /only digits/],
    ['010#1234#5678', /only digits/],
    ['010-1234+5678', /only digits/],
    ['---', /no digits/],
    ['0101234567890123', /more than 15 digits/],
    ['+1 212 555 0100', /Only Korean/],
    ['010-123-4567', /11 digits for 010/],
    ['010-1234-56789', /11 digits for 010/],
    ['011-12-4567', /10 or 11 digits/],
    ['012-1234-5678', /Not a Korean mobile/],
    ['02-123-4567', /Landline/],
    ['031-123-4567', /Landline/],
    ['064-123-4567', /Landline/],
    ['070-1234-5678', /Landline/],
    ['0505-123-4567', /Landline/],
    ['080-123-4567', /Landline/],
    ['1588-1234', /Not a Korean mobile/],
    ['0912345678', /Not a Korean mobile/],
  ])('%j', (input, reason) => {
    const result = normalizePhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('words every reason in Korean and in English (the English one is the stored reason)', () => {
    const inputs = ['', null, '010#1234', '---', '0101234567890123', '+1 212 555 0100', '010-123-4567', '02-123-4567', '1588-1234'];
    const codes = new Set<string>();
    for (const input of inputs) {
      const result = normalizePhone(input);
      if (result.ok) throw new Error(`${String(input)} was accepted`);
      codes.add(result.code);
      expect(describePhoneProblem(result.code, 'en')).toBe(result.reason);
      expect(describePhoneProblem(result.code, 'ko')).toMatch(/[가-힣]/);
    }
    // one input per problem: every wording above was checked
    expect(codes.size).toBe(9);
    expect(describePhoneProblem('not_mobile', 'ko')).toContain('휴대폰 번호(010-…)');
  });
});

describe('formatPhone', () => {
  it.each([
    ['01012345678', '010-1234-5678'],
    ['0111234567', '011-123-4567'],
    ['01612345678', '016-1234-5678'],
    ['+82 10 1234 5678', '010-1234-5678'],
    ['021234567', '021234567'],
    ['garbage', 'garbage'],
  ])('%s → %s', (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });
});
