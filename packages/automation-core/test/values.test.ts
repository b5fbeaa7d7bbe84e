import { describe, expect, it } from 'vitest';
import {
  compareValues,
  deepEqual,
  describeRaw,
  foldText,
  isEmptyValue,
  kstDateTime,
  kstDay,
  scalarText,
} from '../src/values.ts';

describe('compareValues', () => {
  it('orders numbers and dates, equates text, and refuses mixed kinds', () => {
    expect(compareValues({ kind: 'number', value: 1 }, { kind: 'number', value: 2 })).toBe(-1);
    expect(compareValues({ kind: 'text', value: 'a' }, { kind: 'text', value: 'a' })).toBe(0);
    expect(compareValues({ kind: 'text', value: 'a' }, { kind: 'text', value: 'b' })).toBeNaN();
    expect(compareValues({ kind: 'number', value: 1 }, { kind: 'text', value: '1' })).toBeNaN();
    const day = { kind: 'date' as const, day: '2026-03-01', instant: 0, dateOnly: true };
    expect(compareValues(day, { ...day, day: '2026-02-28' })).toBe(1);
    expect(compareValues(day, { ...day, day: '2026-03-02', dateOnly: false })).toBe(-1);
  });
});

describe('deepEqual', () => {
  it('treats key order and undefined properties as irrelevant', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
  });

  it('distinguishes arrays from objects and compares dates by time', () => {
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual([1, 2], [1])).toBe(false);
    expect(deepEqual(new Date(5), new Date(5))).toBe(true);
    expect(deepEqual(new Date(5), {})).toBe(false);
    expect(deepEqual(1, '1')).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe('helpers', () => {
  it('scalarText reads dates as ISO and refuses invalid ones and objects', () => {
    expect(scalarText(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01T00:00:00.000Z');
    expect(scalarText(new Date(Number.NaN))).toBeNull();
    expect(scalarText({})).toBeNull();
    expect(scalarText(false)).toBe('false');
  });

  it('isEmptyValue', () => {
    expect([undefined, null, '', ' \n', []].every(isEmptyValue)).toBe(true);
    expect([0, false, {}, [0], 'a'].some(isEmptyValue)).toBe(false);
  });

  it('foldText trims, composes Hangul and lower-cases Latin', () => {
    expect(foldText('  \u1112\u1161\u11ab ABC ')).toBe('한 abc');
  });

  it('KST day and time', () => {
    expect(kstDay(Date.parse('2026-03-01T15:00:00Z'))).toBe('2026-03-02');
    expect(kstDateTime(Date.parse('2026-03-01T15:04:00Z'))).toBe('2026-03-02 00:04');
  });

  it('describeRaw shortens and never throws', () => {
    expect(describeRaw('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(describeRaw(undefined)).toBe('undefined');
    expect(describeRaw(5n)).toBe('5n');
    expect(describeRaw(Symbol('s'))).toBe('symbol');
    expect(describeRaw(() => 1)).toBe('function');
    expect(describeRaw({ a: 'y'.repeat(50) })).toBe(`{"a":"${'y'.repeat(34)}…`);
    expect(describeRaw({ big: 1n })).toBe('an unprintable value');
  });
});
