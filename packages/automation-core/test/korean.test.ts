import { describe, expect, it } from 'vitest';
import { objectParticle, subjectParticle } from '../src/index.ts';

describe('Korean particles after a word', () => {
  it('을/를 and 이/가 follow the last syllable, digits as read, quotes ignored', () => {
    expect(['파티션', '레코드', '규칙', '"휴면"', '2026-03-01', '템플릿 2'].map((w) => w + objectParticle(w))).toEqual([
      '파티션을',
      '레코드를',
      '규칙을',
      '"휴면"을',
      '2026-03-01을',
      '템플릿 2를',
    ]);
    expect(['사용자', '토큰'].map((w) => w + subjectParticle(w))).toEqual(['사용자가', '토큰이']);
  });

  it('writes both forms after a Latin word, whose reading cannot be guessed', () => {
    expect(`API${objectParticle('API')}`).toBe('API을(를)');
    expect(`SMS${subjectParticle('SMS')}`).toBe('SMS이(가)');
  });
});
