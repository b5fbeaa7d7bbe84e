import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import recordsEn from '@/i18n/namespaces/records.en.json';
import recordsKo from '@/i18n/namespaces/records.ko.json';
import { describeEvent, explainingLeaves, formatTraceValue, readTrace, type Translate } from './event-sentence';
import { resolveJosa, wordEnding } from './josa';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'ko',
  resources: { ko: { records: recordsKo }, en: { records: recordsEn } },
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});
const ko = i18n.getFixedT('ko', 'records') as unknown as Translate;
const en = i18n.getFixedT('en', 'records') as unknown as Translate;

const FIELDS = [
  { key: '이름', label: '이름', type: 'text' },
  { key: '전화번호', label: '전화번호', type: 'phone' },
  { key: '상태', label: '상태', type: 'select' },
  { key: 'score', label: '점수', type: 'number' },
  { key: 'visit', label: '방문일', type: 'date' },
];

const leaf = (field: string, operator: string, expected: unknown, actual: unknown, result: boolean, extra: object = {}) => ({
  kind: 'leaf',
  field,
  label: FIELDS.find((f) => f.key === field)?.label ?? field,
  operator,
  expected,
  actual,
  result,
  ...extra,
});

describe('resolveJosa', () => {
  it('picks the particle by the last sound, looking through quotes', () => {
    expect(resolveJosa('상태[이/가]')).toBe('상태가');
    expect(resolveJosa('전화번호[이/가]')).toBe('전화번호가');
    expect(resolveJosa("'상담중'[이었/였]고 '신규'[이어야/여야] 함")).toBe("'상담중'이었고 '신규'여야 함");
    expect(resolveJosa("'응답완료'[을/를]")).toBe("'응답완료'를");
    expect(resolveJosa('점수[이/가] 30[이었/였]고')).toBe('점수가 30이었고');
  });

  it('reads digits the Korean way and handles (으)로 after ㄹ', () => {
    expect(resolveJosa('1[으로/로]')).toBe('1로');
    expect(resolveJosa('3[으로/로]')).toBe('3으로');
    expect(resolveJosa("'서울'[으로/로]")).toBe("'서울'로");
    expect(resolveJosa("'신규'[으로/로]")).toBe("'신규'로");
    expect(resolveJosa('2[이었/였]고')).toBe('2였고');
    expect(resolveJosa('10[이었/였]고')).toBe('10이었고');
  });

  it('writes both forms after a word it cannot read, and leaves English alone', () => {
    expect(resolveJosa("'VIP'[이/가]")).toBe("'VIP'이(가)");
    expect(resolveJosa("'VIP'[으로/로]")).toBe("'VIP'(으)로");
    expect(resolveJosa('Status was [not] here')).toBe('Status was [not] here');
    expect(wordEnding('')).toBe('unknown');
  });
});

describe('describeEvent', () => {
  it('explains a skip by the condition, in the words an admin uses', () => {
    const sentence = describeEvent(
      {
        event: 'create',
        decision: 'skipped',
        reason: 'condition_false',
        linkName: '신규 리드 환영',
        detail: { eventId: 'x', trace: leaf('상태', 'eq', '신규', '상담중', false) },
      },
      ko,
      FIELDS,
      'ko',
    );
    expect(sentence.sentence).toBe("'신규 리드 환영' 규칙: 조건이 맞지 않아 건너뜀 — 상태가 '상담중'이었고 '신규'여야 함");
    expect(sentence.tone).toBe('muted');
    expect(sentence.leaves).toHaveLength(1);

    const english = describeEvent(
      { event: 'create', decision: 'skipped', reason: 'condition_false', linkName: 'Welcome', detail: { trace: leaf('상태', 'eq', '신규', '상담중', false) } },
      en,
      FIELDS,
      'en',
    );
    expect(english.sentence).toBe("Rule 'Welcome': skipped because the condition did not hold — 상태 was '상담중' but had to be '신규'");
  });

  it('names only the parts of a group that failed', () => {
    const trace = {
      kind: 'all',
      result: false,
      children: [leaf('score', 'gte', 50, 30, false), leaf('상태', 'eq', '신규', '신규', true), leaf('전화번호', 'is_not_empty', undefined, '', false)],
    };
    const s = describeEvent({ event: 'update', decision: 'skipped', reason: 'condition_false', linkName: 'VIP', detail: { trace } }, ko, FIELDS, 'ko');
    expect(s.why).toBe('점수가 30이었고 50 이상이어야 함, 전화번호가 비어 있었고 값이 있어야 함');
    expect(s.leaves.map((l) => l.result)).toEqual([false, true, false]);
  });

  it('says what held when it sent, and counts repeats', () => {
    const fired = describeEvent(
      { event: 'create', decision: 'fired', reason: null, linkName: '환영', detail: { trace: leaf('상태', 'eq', '신규', '신규', true) } },
      ko,
      FIELDS,
      'ko',
    );
    expect(fired.sentence).toBe("'환영' 규칙: 레코드가 추가되어 보냄 — 상태가 '신규'였음");
    expect(fired.tone).toBe('success');
    const repeat = describeEvent({ event: 'repeat', decision: 'fired', reason: null, linkName: '리마인드', detail: { occurrence: 2, maxRepeat: 3, trace: { kind: 'none', result: true } } }, ko, FIELDS, 'ko');
    const changed = describeEvent(
      { event: 'update', decision: 'fired', reason: null, linkName: '상담', detail: { trace: leaf('상태', 'changed_to', '상담중', '상담중', true, { before: '신규' }) } },
      ko,
      FIELDS,
      'ko',
    );
    expect(changed.why).toBe("상태가 '신규'에서 '상담중'으로 바뀌었음");
    expect(repeat.sentence).toBe("'리마인드' 규칙: 반복 발송을 보냄 (2/3회)");
  });

  it('gives the cooldown end, other reasons in words, and unknown codes as they are', () => {
    const cooldown = describeEvent(
      { event: 'update', decision: 'skipped', reason: 'cooldown', linkName: '안내', detail: { until: '2026-03-01T03:00:00.000Z', message: 'Sent within the last 1 h' } },
      ko,
      FIELDS,
      'ko',
    );
    expect(cooldown.sentence).toBe("'안내' 규칙: 쿨다운 중이라 건너뜀 — 2026. 3. 1. 12:00 이후에 다시 보낼 수 있음");
    expect(cooldown.message).toBe('Sent within the last 1 h');
    const cancelled = describeEvent({ event: 'repeat', decision: 'cancelled', reason: 'cancelled_by_user', linkName: null, linkDeleted: true, detail: null }, ko, FIELDS, 'ko');
    expect(cancelled.sentence).toBe('삭제된 규칙: 사용자가 반복 발송을 중단함');
    const odd = describeEvent({ event: 'update', decision: 'skipped', reason: 'something_new', linkName: 'A', detail: 'not json' }, ko, FIELDS, 'ko');
    expect(odd.sentence).toBe("'A' 규칙: 건너뜀 (something_new)");
    const changed = describeEvent(
      { event: 'update', decision: 'skipped', reason: 'condition_false', linkName: 'B', detail: { trace: leaf('상태', 'changed_to', '응답완료', '상담중', false, { before: '상담중', noteCode: 'unchanged' }) } },
      ko,
      FIELDS,
      'ko',
    );
    expect(changed.why).toBe("상태가 바뀌지 않았음 ('응답완료'로 바뀌어야 함)");
  });

  it('says which variable broke the message and by how much, in the admin\'s language', () => {
    const tooLong = { event: 'create', decision: 'skipped', reason: 'value_too_long', linkName: '환영', detail: { variable: '이름', length: 1301, limit: 1300, message: '#{이름} is 1301 characters; NHN allows at most 1300' } };
    const korean = describeEvent(tooLong, ko, FIELDS, 'ko');
    expect(korean.sentence).toBe("'환영' 규칙: #{이름}이(가) 1,301자라 NHN 한도(1,300자)를 넘어 건너뜀");
    expect(korean.message).toBeNull();
    expect(describeEvent(tooLong, en, FIELDS, 'en').sentence).toBe("Rule '환영': skipped because #{이름} is 1,301 characters, over NHN's limit of 1,300");
    const missing = describeEvent({ event: 'create', decision: 'skipped', reason: 'missing_value', linkName: '환영', detail: { variable: '이름' } }, ko, FIELDS, 'ko');
    expect(missing.sentence).toBe("'환영' 규칙: #{이름}에 넣을 값이 비어 있어 건너뜀");
    const message = describeEvent({ event: 'update', decision: 'skipped', reason: 'message_too_long', linkName: '안내', detail: { length: 1400, limit: 1300 } }, ko, FIELDS, 'ko');
    expect(message.sentence).toBe("'안내' 규칙: 메시지가 1,400자라 NHN 한도(1,300자)를 넘어 건너뜀");
    // Rows from before the split, or without the sizes, read in general words — never a raw code or placeholder.
    const old = describeEvent({ event: 'create', decision: 'skipped', reason: 'render_failed', linkName: '환영', detail: { message: 'x' } }, ko, FIELDS, 'ko');
    expect(old.sentence).toBe("'환영' 규칙: 메시지를 만들 수 없어 건너뜀");
    const bare = describeEvent({ event: 'create', decision: 'skipped', reason: 'value_too_long', linkName: '환영', detail: null }, ko, FIELDS, 'ko');
    expect(bare.sentence).toBe("'환영' 규칙: 메시지를 만들 수 없어 건너뜀");
  });
});

describe('trace helpers', () => {
  it('formats values by field type and treats blanks as empty', () => {
    expect(formatTraceValue('01012345678', 'phone', 'ko')).toBe("'010-1234-5678'");
    expect(formatTraceValue(50, 'number', 'ko')).toBe('50');
    expect(formatTraceValue('2026-03-01', 'date', 'ko')).toBe('2026-03-01');
    expect(formatTraceValue(['신규', '상담중'], 'select', 'ko')).toBe("'신규', '상담중'");
    expect(formatTraceValue('  ', 'text', 'ko')).toBeNull();
    expect(formatTraceValue(undefined, 'text', 'ko')).toBeNull();
  });

  it('reads stored traces defensively and explains an "any" by its first passing branch', () => {
    expect(readTrace('nope')).toBeNull();
    expect(readTrace({ kind: 'leaf' })).toBeNull();
    const any = readTrace({ kind: 'any', result: true, children: [leaf('상태', 'eq', '신규', '상담중', false), leaf('score', 'gt', 10, 20, true), { junk: 1 }] });
    expect(explainingLeaves(any).map((l) => l.field)).toEqual(['score']);
  });
});
