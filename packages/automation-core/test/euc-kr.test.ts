import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { eucKrCharBytes, fitSmsText, toSmsText } from '../src/index.ts';

// iconv-lite's "euc-kr" is CP949; EUC-KR proper (what Korean carriers deliver) is the part whose two bytes are
// both ≥ 0xA1 — the same rule scripts/generate-euc-kr-table.mjs uses, checked here against the shipped table.
function oracleBytes(codePoint: number): 1 | 2 | null {
  if (codePoint < 0x80) return 1;
  const bytes = iconv.encode(String.fromCodePoint(codePoint), 'euc-kr');
  return bytes.length === 2 && bytes[0]! >= 0xa1 && bytes[1]! >= 0xa1 ? 2 : null;
}

describe('eucKrCharBytes', () => {
  it('agrees with iconv-lite on every code point of the BMP', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (eucKrCharBytes(cp) !== oracleBytes(cp)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('counts ASCII as 1, Hangul and KS X 1001 symbols as 2, and refuses what EUC-KR lacks', () => {
    expect(['a', '1', ' ', '\n', '~'].map((c) => eucKrCharBytes(c.codePointAt(0)!))).toEqual([1, 1, 1, 1, 1]);
    expect(['가', '힝', '★', '※', '·', '…', '「', 'ㄱ', '漢'].map((c) => eucKrCharBytes(c.codePointAt(0)!))).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // Extended Hangul outside KS X 1001, a bullet, an emoji, a surrogate half, out of range.
    expect(['똠', '햏', '•', '✅'].map((c) => eucKrCharBytes(c.codePointAt(0)!))).toEqual([null, null, null, null]);
    expect(eucKrCharBytes(0x1f600)).toBeNull();
    expect(eucKrCharBytes(-1)).toBeNull();
  });
});

const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));

describe('toSmsText', () => {
  it('measures Korean text as SMS counts it', () => {
    expect(toSmsText('홍길동님, 예약이 확정되었습니다. (10/3 14:00)')).toEqual({
      text: '홍길동님, 예약이 확정되었습니다. (10/3 14:00)',
      bytes: 45,
      replaced: [],
    });
  });

  it('replaces each character EUC-KR cannot carry with ? and names it once', () => {
    expect(toSmsText('✅ 똠양꿍 • 주문 ✅')).toEqual({ text: '? ?양꿍 ? 주문 ?', bytes: 16, replaced: ['✅', '똠', '•'] });
    expect(toSmsText('😀')).toEqual({ text: '?', bytes: 1, replaced: ['😀'] });
  });

  it('reads decomposed Hangul (macOS input) as the syllables it spells', () => {
    expect(toSmsText('한글'.normalize('NFD'))).toEqual({ text: '한글', bytes: 4, replaced: [] });
  });

  it('property: the text it returns encodes losslessly, in exactly `bytes` bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('가', '똠', '★', '•', '✅', '😀', 'a', '\n'), anyCodePoint) }), (input) => {
        const sms = toSmsText(input);
        const encoded = iconv.encode(sms.text, 'euc-kr');
        expect(encoded.length).toBe(sms.bytes);
        expect(iconv.decode(encoded, 'euc-kr')).toBe(sms.text);
      }),
    );
  });
});

describe('fitSmsText', () => {
  it('keeps a text that fits and says it was not cut', () => {
    expect(fitSmsText('안녕하세요', 90)).toEqual({ text: '안녕하세요', bytes: 10, replaced: [], cut: false, fullBytes: 10, limit: 90 });
  });

  it('cuts between characters: a syllable that does not fit is left out whole', () => {
    expect(fitSmsText('ab가나', 4)).toEqual({ text: 'ab가', bytes: 4, replaced: [], cut: true, fullBytes: 6, limit: 4 });
    expect(fitSmsText('a가나', 4)).toEqual({ text: 'a가', bytes: 3, replaced: [], cut: true, fullBytes: 5, limit: 4 });
  });

  it('reports only the replaced characters that survive the cut', () => {
    expect(fitSmsText('가나✅다라😀', 7)).toMatchObject({ text: '가나?다', replaced: ['✅'], cut: true });
  });

  it('never splits a surrogate pair', () => {
    expect(fitSmsText('a😀b', 2)).toMatchObject({ text: 'a?', bytes: 2 });
  });

  it('property: the result fits, starts the sendable text, and is the longest such start', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('가', '똠', 'a', ' ', '★', '😀') }), fc.integer({ min: 0, max: 40 }), (input, limit) => {
        const fitted = fitSmsText(input, limit);
        const full = toSmsText(input);
        expect(fitted.bytes).toBeLessThanOrEqual(limit);
        expect(full.text.startsWith(fitted.text)).toBe(true);
        expect(fitted.cut).toBe(full.bytes > limit);
        expect(fitted.fullBytes).toBe(full.bytes);
        if (fitted.cut) {
          const next = [...full.text][[...fitted.text].length]!;
          expect(fitted.bytes + toSmsText(next).bytes).toBeGreaterThan(limit);
        }
      }),
    );
  });
});
