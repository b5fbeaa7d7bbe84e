// What services throw when a request cannot be done: a kind and a message naming what to fix, in each language the
// API answers in. Services know nothing of HTTP, tRPC or the caller's language; trpc.ts turns these into tRPC codes
// and picks the caller's wording once, for every procedure.
import { objectParticle } from '@alimflow/automation-core';
import type { Language } from './security/language.ts';

export type DomainErrorKind = 'not_found' | 'invalid' | 'conflict' | 'precondition' | 'forbidden' | 'unavailable';

/** One message in both languages. A plain string is a message already in the caller's language. */
export type Words = Readonly<Record<Language, string>>;

/** One input field's problem, for a form to show on that field (tRPC error data `fieldProblems`). */
export interface FieldProblem {
  field: string;
  message: Words;
}

export class DomainError extends Error {
  readonly words: Words;
  constructor(
    readonly kind: DomainErrorKind,
    message: Words | string,
    readonly fieldProblems: readonly FieldProblem[] = [],
  ) {
    const words = typeof message === 'string' ? { ko: message, en: message } : message;
    super(words.en);
    this.words = words;
    this.name = 'DomainError';
  }

  in(language: Language): string {
    return this.words[language];
  }
}

export const words = (ko: string, en: string): Words => ({ ko, en });

/** What a request named that is not there (or not this org's), as "<noun> not found". */
export const NOUN = {
  apiToken: words('API 토큰', 'API token'),
  import: words('가져오기', 'Import'),
  invitation: words('대기 중인 초대', 'Pending invitation'),
  partition: words('파티션', 'Partition'),
  record: words('레코드', 'Record'),
  repeat: words('반복 발송', 'Repeat'),
  sendLog: words('발송 기록', 'Send log'),
  template: words('템플릿', 'Template'),
  link: words('규칙', 'Template link'),
  user: words('사용자', 'User'),
} as const;

export const notFound = (what: Words) => new DomainError('not_found', words(`${what.ko}${objectParticle(what.ko)} 찾을 수 없습니다.`, `${what.en} not found.`));
export const invalid = (message: Words | string, fieldProblems?: readonly FieldProblem[]) => new DomainError('invalid', message, fieldProblems);
export const conflict = (message: Words | string) => new DomainError('conflict', message);
export const precondition = (message: Words | string) => new DomainError('precondition', message);
/** Something outside us (the provider) did not answer properly; trying again later may work. */
export const unavailable = (message: Words | string) => new DomainError('unavailable', message);
