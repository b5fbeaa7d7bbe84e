import type { FieldDefinition } from '@alimflow/automation-core';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '@/i18n/namespaces/automations.en.json';
import ko from '@/i18n/namespaces/automations.ko.json';
import {
  conditionSentence,
  cooldownSentence,
  cooldownShort,
  langOf,
  operatorText,
  reasonText,
  recordLabel,
  repeatSummary,
  valueText,
  type AutomationsT,
} from './text';

const FIELDS: FieldDefinition[] = [
  { key: '이름', label: '이름', type: 'text' },
  { key: '전화번호', label: '전화번호', type: 'phone' },
  { key: '상태', label: '상태', type: 'select', options: ['신규', '상담중', '응답완료'] },
  { key: 'visit', label: '방문일', type: 'date' },
];

let tKo: AutomationsT;
let tEn: AutomationsT;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ interpolation: { escapeValue: false }, lng: 'ko', fallbackLng: 'ko', ns: ['automations'], defaultNS: 'automations', resources: { ko: { automations: ko }, en: { automations: en } } });
  tKo = i18n.getFixedT('ko', 'automations');
  tEn = i18n.getFixedT('en', 'automations');
});

const STOP = { field: '상태', operator: 'eq' as const, value: '응답완료' };

describe('repeat summary', () => {
  it('reads as the plan words it', () => {
    expect(repeatSummary({ intervalHours: 24, maxRepeat: 3, stopCondition: STOP }, FIELDS, tKo, 'ko')).toBe("24시간마다 최대 3회, 상태가 '응답완료'일 때 중단");
    expect(repeatSummary({ intervalHours: 24, maxRepeat: 3, stopCondition: STOP }, FIELDS, tEn, 'en')).toBe(
      "Every 24 hours, up to 3 times; stops when 상태 is '응답완료'",
    );
    expect(repeatSummary({ intervalHours: 1, maxRepeat: 1, stopCondition: STOP }, FIELDS, tEn, 'en')).toBe("Every 1 hour, up to 1 time; stops when 상태 is '응답완료'");
  });

  it('nested stop conditions stay one sentence', () => {
    const stop = { any: [STOP, { field: '이름', operator: 'is_empty' as const }] };
    expect(repeatSummary({ intervalHours: 48, maxRepeat: 10, stopCondition: stop }, FIELDS, tKo, 'ko')).toBe(
      "48시간마다 최대 10회, 상태가 '응답완료'이거나 이름이 비어 있을 때 중단",
    );
  });

  it('no repeat', () => {
    expect(repeatSummary(null, FIELDS, tKo, 'ko')).toBe('반복 안 함');
  });
});

describe('other words', () => {
  it('cooldown: hours, or none', () => {
    expect(cooldownShort(1, tKo)).toBe('1시간');
    expect(cooldownShort(0, tKo)).toBe('없음');
    expect(cooldownShort(2, tEn)).toBe('2 hours');
    expect(cooldownSentence(1, tKo)).toBe('같은 레코드에는 1시간 안에 다시 보내지 않습니다.');
    expect(cooldownSentence(0, tKo)).toBe('쿨다운 없음: 조건에 맞을 때마다 보냅니다.');
  });

  it('conditions come from automation-core, in the UI language', () => {
    expect(conditionSentence(STOP, FIELDS, 'ko')).toBe("상태가 '응답완료'일 때");
    expect(conditionSentence(null, FIELDS, 'ko')).toBe('항상 (조건 없음)');
    expect(conditionSentence(STOP, FIELDS, 'en')).toBe("When 상태 is '응답완료'");
  });

  it('reason codes in words; unknown ones shown as they are', () => {
    expect(reasonText('condition_false', tKo)).toBe('조건이 맞지 않음');
    expect(reasonText('not_a_transition', tKo)).toBe('이미 조건을 만족하던 레코드');
    expect(reasonText('cooldown', tKo)).toBe('쿨다운 중');
    expect(reasonText('inactive', tKo)).toBe('규칙이 꺼져 있음');
    expect(reasonText('cancelled_by_user', tEn)).toBe('Cancelled by a user');
    expect(reasonText('something_new', tKo)).toBe('기타 (something_new)');
    expect(reasonText(null, tKo)).toBeNull();
  });

  it('operators read as dates for date fields', () => {
    expect(operatorText('gte', 'number', tKo)).toBe('이상 (≥)');
    expect(operatorText('gte', 'date', tKo)).toBe('이후 (당일 포함)');
    expect(operatorText('lt', 'date', tEn)).toBe('before');
  });

  it('values and records as people read them', () => {
    expect(valueText('01012345678', FIELDS[1], tKo)).toBe('010-1234-5678');
    expect(valueText(undefined, FIELDS[0], tKo)).toBe('(비어 있음)');
    expect(valueText(['신규', '상담중'], FIELDS[2], tKo)).toBe('신규, 상담중');
    expect(valueText('2026-03-01T10:00:00+09:00', FIELDS[3], tKo)).toBe('2026-03-01');
    expect(recordLabel({ 이름: ' 김신규 ', 전화번호: '01023456789' }, FIELDS)).toBe('김신규 (010-2345-6789)');
    expect(recordLabel({ 전화번호: '01023456789' }, FIELDS)).toBe('010-2345-6789');
    expect(recordLabel({ 상태: '신규' }, FIELDS)).toBeNull();
    expect(recordLabel('nope', FIELDS)).toBeNull();
  });

  it('language', () => {
    expect(langOf('en')).toBe('en');
    expect(langOf('en-US')).toBe('en');
    expect(langOf('ko')).toBe('ko');
    expect(langOf(undefined)).toBe('ko');
  });
});
