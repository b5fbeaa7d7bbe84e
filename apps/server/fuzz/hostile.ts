// Inputs built to break things: NUL and lone surrogates, 1 MB strings, 20,000-deep JSON, `__proto__` keys,
// wrong types and numbers no column holds. Some cannot be built as a JS value and survive JSON.stringify (a
// 20,000-deep array overflows it, a 400-digit number loses its digits), so they travel as placeholder strings that
// `serialize` swaps for raw JSON text.
import fc from 'fast-check';

const DEEP = '\u0002DEEP\u0002';
const BIG_NUMBER = '\u0002BIGNUM\u0002';
const DEEP_LEVELS = 20_000;

export const jsonValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

const hostileStrings = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  'x'.repeat(1 << 20), // 1 MiB: over the body limit
  'ㄱ'.repeat(200_000), // under the body limit, over every field's cap
  '',
  '   ',
  '\u200b\u202e\ufeff',
  'e\u0301'.repeat(50),
  "'; DROP TABLE \"Record\"; --",
  '../../../../etc/passwd',
  '%00%ff%',
  '{{#each}}{{/each}}',
  '0x7fffffff',
  '-1',
  'NaN',
  'null',
  '2026-13-45T99:99:99Z',
  '😀'.repeat(100),
];

const hostileNumbers = [-1, 0, -0, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER];

const protoObject = (inner: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(inner ?? null)}, "constructor": {"prototype": {"polluted": true}}}`) as unknown;

export function hostileValue(depth: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { arbitrary: fc.constantFrom(...hostileStrings), weight: 6 },
    { arbitrary: fc.constantFrom(...hostileNumbers), weight: 2 },
    { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[]], { '': '' }), weight: 2 },
    { arbitrary: fc.constantFrom(DEEP, BIG_NUMBER), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  );
  if (depth > 3) return leaf;
  return fc.oneof(
    { arbitrary: leaf, weight: 8 },
    { arbitrary: jsonValue.map(protoObject), weight: 1 },
    { arbitrary: fc.dictionary(fc.constantFrom(...hostileStrings.slice(0, 5), '__proto__', 'constructor'), leaf, { maxKeys: 3 }), weight: 1 },
  );
}

/** JSON text for `value`, with the placeholders swapped for their raw forms. */
export function serialize(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text
    .replaceAll(JSON.stringify(DEEP), `${'['.repeat(DEEP_LEVELS)}${']'.repeat(DEEP_LEVELS)}`)
    .replaceAll(JSON.stringify(BIG_NUMBER), `1${'0'.repeat(400)}`);
}
