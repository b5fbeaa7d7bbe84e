/** Korean particles that depend on whether the preceding syllable ends in a consonant (받침). */
type Ending = 'consonant' | 'rieul' | 'vowel' | 'unknown';

// How digits are read: 영 일 이 삼 사 오 육 칠 팔 구.
const DIGIT_ENDINGS: readonly Ending[] = [
  'consonant',
  'rieul',
  'vowel',
  'consonant',
  'vowel',
  'vowel',
  'consonant',
  'rieul',
  'rieul',
  'vowel',
];

function ending(word: string): Ending {
  const last = word.replace(/[\s'"’)\]]+$/u, '').slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    return jong === 0 ? 'vowel' : jong === 8 ? 'rieul' : 'consonant';
  }
  if (last >= '0' && last <= '9') return DIGIT_ENDINGS[Number(last)]!;
  // Latin words are read in too many ways to guess; the written both-forms style is the convention.
  return 'unknown';
}

/** 이/가 */
export function subjectParticle(word: string): string {
  const e = ending(word);
  return e === 'vowel' ? '가' : e === 'unknown' ? '이(가)' : '이';
}

/** 을/를 */
export function objectParticle(word: string): string {
  const e = ending(word);
  return e === 'vowel' ? '를' : e === 'unknown' ? '을(를)' : '을';
}

/** 으로/로 (ㄹ takes 로) */
export function directionParticle(word: string): string {
  const e = ending(word);
  return e === 'consonant' ? '으로' : e === 'unknown' ? '(으)로' : '로';
}
