// Length-capped text for input schemas. The base procedure's input guard already refuses NUL and lone
// surrogates and NFC-normalises every string; this schema repeats the check so a schema used outside tRPC (a
// worker payload, a script) gives the same answer, and carries the cap each field needs.
import { z } from 'zod';
import { stringProblem } from './input-guard.ts';

export const TEXT_CAPS = {
  /** Names, labels, codes, keys. */
  short: 200,
  /** Free text a person types into one field (a record value, a search). */
  long: 10_000,
} as const;

export function safeString(max: number = TEXT_CAPS.short) {
  return z
    .string()
    .max(max, `At most ${max.toLocaleString('en')} characters (최대 ${max.toLocaleString('en')}자).`)
    .refine((s) => stringProblem(s) === null, {
      message: 'Text contains NUL or a broken Unicode character (NUL 문자나 깨진 유니코드 문자가 있습니다).',
    })
    .transform((s) => s.normalize('NFC'));
}
