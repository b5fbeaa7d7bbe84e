// One check for every tRPC input, applied on the base procedure: text Postgres or the JSON layer cannot store
// (NUL, lone surrogates), `__proto__` keys, and inputs deep or large enough to exhaust the stack or the CPU in
// zod are refused with a 400 before any schema or handler runs; every string and key comes back NFC-normalised,
// so "가" typed as two jamo and as one syllable compare equal. The walk is iterative: a 20,000-deep JSON must
// answer 400, not overflow the stack here.
import type { Language } from './language.ts';

export const INPUT_LIMITS = { maxDepth: 32, maxValues: 50_000 } as const;

export type GuardProblem = 'nul' | 'surrogate' | 'proto' | 'depth' | 'size';
export interface GuardIssue {
  path: (string | number)[];
  problem: GuardProblem;
}
export type GuardResult = { ok: true; value: unknown } | { ok: false; issues: GuardIssue[] };

const MAX_ISSUES = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one string, if anything. */
export function stringProblem(text: string): 'nul' | 'surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return null;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

interface Frame {
  value: unknown;
  path: (string | number)[];
  depth: number;
  put(value: unknown): void;
}

export function guardInput(
  raw: unknown,
  limits: { maxDepth: number; maxValues: number } = INPUT_LIMITS,
): GuardResult {
  const issues: GuardIssue[] = [];
  let result: unknown;
  const stack: Frame[] = [{ value: raw, path: [], depth: 0, put: (v) => (result = v) }];
  let values = 0;
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const frame = stack.pop()!;
    if (++values > limits.maxValues) {
      issues.push({ path: [], problem: 'size' });
      break;
    }
    const { value, path, depth } = frame;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) issues.push({ path, problem });
      else frame.put(value.normalize('NFC'));
      continue;
    }
    // Numbers, booleans, null, and non-JSON objects a server-side caller may pass (Date) go through untouched.
    if (value === null || typeof value !== 'object' || !(Array.isArray(value) || isPlainObject(value))) {
      frame.put(value);
      continue;
    }
    if (depth >= limits.maxDepth) {
      issues.push({ path, problem: 'depth' });
      break;
    }
    if (Array.isArray(value)) {
      const copy: unknown[] = new Array<unknown>(value.length);
      frame.put(copy);
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], path: [...path, i], depth: depth + 1, put: (v) => (copy[i] = v) });
      }
      continue;
    }
    const copy: Record<string, unknown> = {};
    frame.put(copy);
    for (const key of Object.keys(value).reverse()) {
      const keyPath = [...path, key];
      const problem = key === '__proto__' ? 'proto' : stringProblem(key);
      if (problem) {
        issues.push({ path: keyPath, problem });
        continue;
      }
      const normalised = key.normalize('NFC');
      stack.push({ value: value[key], path: keyPath, depth: depth + 1, put: (v) => (copy[normalised] = v) });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: result };
}

const MESSAGES: Record<GuardProblem, Record<Language, string>> = {
  nul: {
    ko: 'NUL 문자(\\u0000)는 입력할 수 없습니다. 해당 문자를 지우고 다시 시도하세요.',
    en: 'Text must not contain the NUL character (\\u0000); remove it and try again.',
  },
  surrogate: {
    ko: '깨진 유니코드 문자(짝 없는 서로게이트)가 들어 있습니다. 텍스트를 다시 입력하세요.',
    en: 'Text contains a broken Unicode character (a lone surrogate); type the text again.',
  },
  proto: {
    ko: "'__proto__'는 키 이름으로 쓸 수 없습니다.",
    en: "'__proto__' cannot be used as a key.",
  },
  depth: {
    ko: `입력이 너무 깊게 중첩되어 있습니다(최대 ${INPUT_LIMITS.maxDepth}단계).`,
    en: `Input is nested too deeply (at most ${INPUT_LIMITS.maxDepth} levels).`,
  },
  size: {
    ko: `입력 값이 너무 많습니다(최대 ${INPUT_LIMITS.maxValues.toLocaleString('en')}개).`,
    en: `Input has too many values (at most ${INPUT_LIMITS.maxValues.toLocaleString('en')}).`,
  },
};

export function guardMessage(problem: GuardProblem, language: Language): string {
  return MESSAGES[problem][language];
}
