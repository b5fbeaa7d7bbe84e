// SMS and LMS are limited in EUC-KR bytes (ASCII 1 byte, Hangul and the KS X 1001 symbols 2) and carriers deliver
// only what EUC-KR can carry: an emoji, or an extended syllable outside KS X 1001 (똠, 햏), fails or arrives broken.
// So text is first made sendable — NFC (decomposed Hangul from macOS becomes syllables), then every character EUC-KR
// lacks becomes '?', the encoders' own replacement — and measured and cut as sent. The caller reports what was
// replaced, so the builder can say so before anything is sent.
import { KS_X_1001_RUNS } from './euc-kr-table.ts';

let table: Uint8Array | null = null;

/** One bit per BMP code point, built on first use from the generated runs. */
function ksX1001(): Uint8Array {
  if (table !== null) return table;
  const bits = new Uint8Array(0x10000 / 8);
  const numbers = KS_X_1001_RUNS.split(' ').map((n) => parseInt(n, 36));
  let cp = 0x80;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    cp += numbers[i]!;
    for (const end = cp + numbers[i + 1]!; cp < end; cp += 1) bits[cp >> 3]! |= 1 << (cp & 7);
  }
  table = bits;
  return bits;
}

/** Bytes one code point takes in EUC-KR, or `null` when EUC-KR cannot carry it. */
export function eucKrCharBytes(codePoint: number): 1 | 2 | null {
  if (codePoint >= 0 && codePoint < 0x80) return 1;
  if (codePoint > 0xffff || codePoint < 0) return null;
  return (ksX1001()[codePoint >> 3]! & (1 << (codePoint & 7))) !== 0 ? 2 : null;
}

export type SmsText = {
  /** The text as it will be sent: NFC, with '?' for each character EUC-KR cannot carry. */
  text: string;
  bytes: number;
  /** The characters that became '?', each once, in order of first appearance. */
  replaced: string[];
};

export type FittedSmsText = SmsText & {
  /** Whether characters were dropped from the end to fit. */
  cut: boolean;
  /** The size of the whole text, before cutting. */
  fullBytes: number;
  limit: number;
};

/**
 * The longest start of the text that fits `limit` EUC-KR bytes, cut between characters (never inside one: a
 * 2-byte syllable that does not fit is left out whole, so the result may be a byte short of the limit).
 */
export function fitSmsText(input: string, limit: number): FittedSmsText {
  const replaced = new Set<string>();
  let text = '';
  let bytes = 0;
  let fullBytes = 0;
  for (const char of input.normalize('NFC')) {
    const size = eucKrCharBytes(char.codePointAt(0)!);
    fullBytes += size ?? 1;
    if (fullBytes > limit) continue;
    if (size === null) replaced.add(char);
    text += size === null ? '?' : char;
    bytes = fullBytes;
  }
  return { text, bytes, replaced: [...replaced], cut: fullBytes > limit, fullBytes, limit };
}

/** The text as an SMS carries it, and its size in EUC-KR bytes. */
export function toSmsText(input: string): SmsText {
  const { text, bytes, replaced } = fitSmsText(input, Number.POSITIVE_INFINITY);
  return { text, bytes, replaced };
}
