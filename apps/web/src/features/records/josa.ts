// Korean particles that depend on the word before them: 상태[이/가] → "상태가", '상담중'[이었/였]고 → "'상담중'이었고".
// Translations mark a particle as [form after a final consonant/form after a vowel]; resolveJosa picks one by the
// sound the preceding word ends in. Quotes and brackets are looked through; digits are read the Korean way
// (1 일, 2 이, 10 십…); for anything else (Latin words) both forms are written, as Korean style guides do: 이(가).
// English strings carry no markers, so resolving them is a no-op.

type Ending = 'vowel' | 'consonant' | 'rieul' | 'unknown';

const TRANSPARENT = new Set(["'", '"', '‘', '’', '“', '”', ')', ']', '」', '』', '>']);
const DIGIT_ENDINGS: Record<string, Ending> = {
  '0': 'consonant', // 영 / 십, 백, 천, 만
  '1': 'rieul', // 일
  '2': 'vowel', // 이
  '3': 'consonant', // 삼
  '4': 'vowel', // 사
  '5': 'vowel', // 오
  '6': 'consonant', // 육
  '7': 'rieul', // 칠
  '8': 'rieul', // 팔
  '9': 'vowel', // 구
};

export function wordEnding(text: string): Ending {
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (TRANSPARENT.has(ch)) continue;
    const code = ch.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
      const final = (code - 0xac00) % 28;
      return final === 0 ? 'vowel' : final === 8 ? 'rieul' : 'consonant';
    }
    if (ch in DIGIT_ENDINGS) return DIGIT_ENDINGS[ch]!;
    return 'unknown';
  }
  return 'unknown';
}

const MARKER = /\[([^[\]/]*)\/([^[\]/]*)\]/g;

/** Replaces every [after-consonant/after-vowel] marker with the form that fits the word before it. */
export function resolveJosa(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const [whole, consonantForm = '', vowelForm = ''] = match;
    const index = match.index;
    out += text.slice(last, index);
    const ending = wordEnding(out);
    const isRo = vowelForm === '로' && consonantForm === '으로';
    if (ending === 'unknown') out += isRo ? '(으)로' : `${consonantForm}(${vowelForm})`;
    else if (ending === 'vowel' || (isRo && ending === 'rieul')) out += vowelForm;
    else out += consonantForm;
    last = index + whole.length;
  }
  return out + text.slice(last);
}
