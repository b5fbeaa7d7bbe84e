import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateText } from './date-text';

describe('parseDateText', () => {
  it('reads the ways a day is written in Korean order', () => {
    expect(parseDateText('2026-03-01')).toBe('2026-03-01');
    expect(parseDateText('2026.3.1')).toBe('2026-03-01');
    expect(parseDateText('2026. 3. 1.')).toBe('2026-03-01');
    expect(parseDateText('2026/03/01')).toBe('2026-03-01');
    expect(parseDateText(' 20260301 ')).toBe('2026-03-01');
  });

  it('names no day for incomplete text, days the calendar lacks, or other orders', () => {
    for (const text of ['', '2026', '2026-03', '2026-02-30', '2026-13-01', '2026-00-10', '03/01/2026', '2026311', '2026-03-01x']) {
      expect(parseDateText(text)).toBeNull();
    }
    expect(parseDateText('2028-02-29')).toBe('2028-02-29');
  });

  it('reads back every real day it is given in ISO form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(parseDateText(iso)).toBe(iso);
        expect(parseDateText(iso.replaceAll('-', ''))).toBe(iso);
      }),
    );
  });
});
