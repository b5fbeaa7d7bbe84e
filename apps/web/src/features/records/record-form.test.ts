import { describe, expect, it } from 'vitest';
import {
  emptyFormValues,
  formToCreateData,
  formToPatch,
  isAcceptablePhone,
  placeFieldProblems,
  recordFormSchema,
  recordToFormValues,
  type FieldDef,
} from './record-form';

const FIELDS: FieldDef[] = [
  { key: '이름', label: '이름', type: 'text' },
  { key: '전화번호', label: '전화번호', type: 'phone' },
  { key: '상태', label: '상태', type: 'select', options: ['신규', '상담중', '응답완료'] },
  { key: 'score', label: '점수', type: 'number' },
  { key: 'visit.day', label: '방문일', type: 'date' },
];

describe('record form values', () => {
  it('reads stored data into strings by position, phones dashed and date-times as their day', () => {
    expect(recordToFormValues(FIELDS, { 이름: '김민수', 전화번호: '01012345678', 상태: '신규', score: 1200, 'visit.day': '2026-03-01T09:00:00+09:00' })).toEqual({
      f0: '김민수',
      f1: '010-1234-5678',
      f2: '신규',
      f3: '1200',
      f4: '2026-03-01',
    });
    expect(recordToFormValues(FIELDS, null)).toEqual(emptyFormValues(FIELDS));
  });

  it('creates with only the filled fields, numbers as numbers and phones as digits', () => {
    expect(formToCreateData(FIELDS, { f0: ' 김민수 ', f1: '010-1234-5678', f2: '신규', f3: '1,200', f4: '' })).toEqual({
      이름: ' 김민수 ',
      전화번호: '01012345678',
      상태: '신규',
      score: 1200,
    });
  });

  it('patches only what changed, and clears what was emptied', () => {
    const initial = recordToFormValues(FIELDS, { 이름: '김민수', 전화번호: '01012345678', 상태: '신규', score: 10 });
    expect(formToPatch(FIELDS, initial, { ...initial })).toEqual({});
    expect(formToPatch(FIELDS, initial, { ...initial, f1: '01012345678', f2: '상담중' })).toEqual({ 상태: '상담중' });
    expect(formToPatch(FIELDS, initial, { ...initial, f3: '', f4: '2026-04-01' })).toEqual({ score: null, 'visit.day': '2026-04-01' });
    expect(formToPatch(FIELDS, initial, { ...initial, f1: '010 9999 8888' })).toEqual({ 전화번호: '01099998888' });
  });
});

describe('client-side checks', () => {
  const schema = recordFormSchema(FIELDS);
  const issues = (values: Record<string, string>) => {
    const result = schema.safeParse({ ...emptyFormValues(FIELDS), ...values });
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it('accepts empty fields and well-formed values', () => {
    expect(issues({})).toEqual({});
    expect(issues({ f1: '010-1234-5678', f2: '상담중', f3: '-3.5', f4: '2024-02-29' })).toEqual({});
  });

  it('names what is wrong with each field', () => {
    expect(issues({ f1: '전화 없음', f2: '보류', f3: '많음', f4: '2026-02-30' })).toEqual({
      f1: 'form.errors.phone',
      f2: 'form.errors.select',
      f3: 'form.errors.number',
      f4: 'form.errors.date',
    });
  });

  it('takes landlines as the server does (stored, though AlimTalk cannot reach them)', () => {
    expect(isAcceptablePhone('02-123-4567')).toBe(true);
    expect(isAcceptablePhone('+82 10 1234 5678')).toBe(true);
    expect(isAcceptablePhone('12')).toBe(false);
  });
});

describe('server validation errors', () => {
  it('puts each field problem next to its field, as the server worded it', () => {
    const { byField, rest } = placeFieldProblems(
      [
        { field: '상태', message: '다음 중 하나여야 합니다: 신규, 상담중, 응답완료' },
        { field: 'score', message: '숫자여야 합니다 (입력: "x")' },
        { field: '전화번호', message: '전화번호가 아닙니다 (유선·인터넷 전화번호는 알림톡을 받을 수 없습니다. 휴대폰 번호(010-…)를 쓰세요)' },
        { field: '메모', message: '이 파티션의 필드가 아닙니다 (필드: 이름)' },
      ],
      '레코드 값이 올바르지 않습니다: …',
      FIELDS,
    );
    expect(byField).toEqual({
      f2: '다음 중 하나여야 합니다: 신규, 상담중, 응답완료',
      f3: '숫자여야 합니다 (입력: "x")',
      f1: '전화번호가 아닙니다 (유선·인터넷 전화번호는 알림톡을 받을 수 없습니다. 휴대폰 번호(010-…)를 쓰세요)',
    });
    // a field the form does not show cannot be marked: it stays in the form's message
    expect(rest).toEqual(['메모: 이 파티션의 필드가 아닙니다 (필드: 이름)']);
  });

  it('leaves an error without field problems whole', () => {
    expect(placeFieldProblems(null, 'Partition not found.', FIELDS)).toEqual({ byField: {}, rest: ['Partition not found.'] });
  });
});
