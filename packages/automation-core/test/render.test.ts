import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../src/index.ts';
import {
  NHN_MAX_MESSAGE_LENGTH,
  NHN_MAX_VALUE_LENGTH,
  NHN_MAX_VARIABLES,
  checkVariableMappings,
  describeRenderError,
  extractVariables,
  formatTemplateValue,
  renderTemplate,
} from '../src/index.ts';
import { fields } from './fixtures.ts';

describe('extractVariables', () => {
  it('lists names in order of first appearance, once each, Korean included', () => {
    expect(extractVariables('#{고객명}님, #{date} 예약. #{고객명}님 감사합니다. #{order_no}')).toEqual([
      '고객명',
      'date',
      'order_no',
    ]);
  });

  it('ignores empty and broken placeholders', () => {
    expect(extractVariables('#{} #{a #{b}} {c} #d')).toEqual(['b']);
    expect(extractVariables('')).toEqual([]);
  });
});

describe('renderTemplate', () => {
  const content =
    '#{고객명}님, #{계약일}에 뵙겠습니다. 점수 #{점수}, 연락처 #{연락처}. #{고객명}님 감사합니다.';
  const variableMappings = { 고객명: 'name', 계약일: 'due', 점수: 'score', 연락처: 'phone' };

  it('renders and builds templateParameter with typed values', () => {
    const result = renderTemplate({
      content,
      variableMappings,
      data: { name: ' 홍길동 ', due: '2026-03-01T15:30:00Z', score: 87.5, phone: '+82 10 1234 5678' },
      fields,
    });
    expect(result).toEqual({
      ok: true,
      text: '홍길동님, 2026-03-02에 뵙겠습니다. 점수 87.5, 연락처 010-1234-5678. 홍길동님 감사합니다.',
      templateParameter: { 고객명: '홍길동', 계약일: '2026-03-02', 점수: '87.5', 연락처: '010-1234-5678' },
    });
  });

  it('reports every unmapped and missing variable at once', () => {
    const result = renderTemplate({
      content,
      variableMappings: { 고객명: 'name', 계약일: '', 점수: 'score' },
      data: { name: '  ', score: 3 },
      fields,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          code: 'missing_value',
          variable: '고객명',
          field: '이름',
          message: '#{고객명}: the record has no value for "이름"',
        },
        { code: 'unmapped_variable', variable: '계약일', message: '#{계약일} is not mapped to a field' },
        { code: 'unmapped_variable', variable: '연락처', message: '#{연락처} is not mapped to a field' },
      ],
    });
  });

  it('names unknown field keys in missing-value messages', () => {
    const result = renderTemplate({ content: '#{a}', variableMappings: { a: 'ghost' }, data: {}, fields });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'missing_value', message: '#{a}: the record has no value for "ghost"' }],
    });
  });

  it('formats values of fields the partition does not define as text', () => {
    const result = renderTemplate({
      content: '#{a}',
      variableMappings: { a: 'ghost' },
      data: { ghost: ' 값 ' },
      fields,
    });
    expect(result).toEqual({ ok: true, text: '값', templateParameter: { a: '값' } });
  });

  it('does not read mappings or data through the prototype', () => {
    const result = renderTemplate({
      content: '#{toString} #{x}',
      variableMappings: { x: 'constructor' },
      data: {},
      fields,
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { code: 'unmapped_variable', variable: 'toString' },
        { code: 'missing_value', variable: 'x' },
      ],
    });
  });

  it('keeps a variable named __proto__ as a plain key', () => {
    const result = renderTemplate({
      content: '#{__proto__}',
      variableMappings: JSON.parse('{"__proto__":"name"}') as Record<string, string>,
      data: { name: 'a' },
      fields,
    });
    expect(result.ok && Object.keys(result.templateParameter)).toEqual(['__proto__']);
  });

  it('accepts a message of exactly 1,300 characters and refuses 1,301', () => {
    const filler = 'x'.repeat(NHN_MAX_MESSAGE_LENGTH - 5);
    const ok = renderTemplate({
      content: `${filler}#{n}`,
      variableMappings: { n: 'name' },
      data: { name: '12345' },
      fields,
    });
    expect(ok.ok && ok.text.length).toBe(NHN_MAX_MESSAGE_LENGTH);
    const tooLong = renderTemplate({
      content: `${filler}#{n}`,
      variableMappings: { n: 'name' },
      data: { name: '123456' },
      fields,
    });
    expect(tooLong).toEqual({
      ok: false,
      errors: [{ code: 'too_long', message: 'The message is 1301 characters; NHN allows at most 1300', length: 1301, limit: 1300 }],
    });
  });

  it('refuses a single value over 1,300 characters', () => {
    const result = renderTemplate({
      content: '#{n}',
      variableMappings: { n: 'memo' },
      data: { memo: 'a'.repeat(1301) },
      fields,
    });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'value_too_long', variable: 'n' }] });
  });

  it('allows 40 variables and refuses 41', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    const build = (n: number) => ({
      content: names(n)
        .map((v) => `#{${v}}`)
        .join(''),
      variableMappings: Object.fromEntries(names(n).map((v) => [v, 'name'])),
      data: { name: 'a' },
      fields,
    });
    expect(renderTemplate(build(NHN_MAX_VARIABLES)).ok).toBe(true);
    expect(renderTemplate(build(NHN_MAX_VARIABLES + 1))).toEqual({
      ok: false,
      errors: [
        { code: 'too_many_variables', message: 'The template has 41 variables; NHN allows at most 40', length: 41, limit: 40 },
      ],
    });
  });

  it('renders content without variables as is', () => {
    expect(renderTemplate({ content: '안녕하세요', variableMappings: {}, data: {}, fields })).toEqual({
      ok: true,
      text: '안녕하세요',
      templateParameter: {},
    });
  });
});

describe('describeRenderError', () => {
  it('words every render error in Korean, and keeps the English message for English', () => {
    const render = (content: string, data: Record<string, unknown>) =>
      renderTemplate({ content, variableMappings: { 고객명: 'name', 긴값: 'memo' }, data, fields });
    const errorsOf = (r: ReturnType<typeof render>) => (r.ok ? [] : r.errors);
    const missing = errorsOf(render('#{고객명} #{없음}', {}));
    expect(missing.map((e) => describeRenderError(e, 'ko'))).toEqual(['#{고객명}: 레코드에 "이름" 값이 없습니다', '#{없음}에 연결된 필드가 없습니다']);
    expect(missing.map((e) => describeRenderError(e, 'en'))).toEqual(missing.map((e) => e.message));
    const [valueTooLong] = errorsOf(render('#{긴값}', { memo: 'x'.repeat(NHN_MAX_VALUE_LENGTH + 1) }));
    expect(describeRenderError(valueTooLong!, 'ko')).toBe(`#{긴값} 값이 ${NHN_MAX_VALUE_LENGTH + 1}자입니다. NHN은 최대 ${NHN_MAX_VALUE_LENGTH}자까지 허용합니다`);
    const [tooLong] = errorsOf(render('x'.repeat(NHN_MAX_MESSAGE_LENGTH + 1), {}));
    expect(describeRenderError(tooLong!, 'ko')).toBe(`메시지가 ${NHN_MAX_MESSAGE_LENGTH + 1}자입니다. NHN은 최대 ${NHN_MAX_MESSAGE_LENGTH}자까지 허용합니다`);
    const many = Array.from({ length: NHN_MAX_VARIABLES + 1 }, (_, i) => `#{v${i}}`).join('');
    const [tooMany] = errorsOf(render(many, {}));
    expect(describeRenderError(tooMany!, 'ko')).toBe(`템플릿 변수가 ${NHN_MAX_VARIABLES + 1}개입니다. NHN은 최대 ${NHN_MAX_VARIABLES}개까지 허용합니다`);
    expect(describeRenderError(tooMany!, 'en')).toBe(tooMany!.message);
  });
});

describe('formatTemplateValue', () => {
  it.each<[unknown, FieldDefinition['type'], string]>([
    [1000, 'number', '1000'],
    [' 1,000 ', 'number', '1,000'],
    ['2026-03-01', 'date', '2026-03-01'],
    [new Date('2026-03-01T15:00:00Z'), 'date', '2026-03-02'],
    ['내일', 'date', '내일'],
    ['01012345678', 'phone', '010-1234-5678'],
    ['02-123-4567', 'phone', '02-123-4567'],
    [['a', 'b'], 'text', 'a, b'],
    [true, 'select', 'true'],
    [{ a: 1 }, 'text', '{"a":1}'],
  ])('%j as %s → %s', (value, type, expected) => {
    expect(formatTemplateValue(value, type)).toBe(expected);
  });
});

describe('checkVariableMappings', () => {
  it('reports unmapped variables and unknown fields', () => {
    expect(checkVariableMappings('#{a} #{b} #{c}', { a: 'name', b: 'ghost' }, fields)).toEqual([
      { code: 'unknown_field', variable: 'b', message: '#{b} is mapped to unknown field "ghost"' },
      { code: 'unmapped_variable', variable: 'c', message: '#{c} is not mapped to a field' },
    ]);
  });

  it('words the same problems in Korean when asked', () => {
    expect(checkVariableMappings('#{a} #{b} #{c}', { a: 'name', b: 'ghost' }, fields, 'ko')).toEqual([
      { code: 'unknown_field', variable: 'b', message: '#{b}에 연결된 "ghost" 필드가 이 파티션에 없습니다' },
      { code: 'unmapped_variable', variable: 'c', message: '#{c}에 연결된 필드가 없습니다' },
    ]);
    const content = Array.from({ length: 41 }, (_, i) => `#{v${i}}`).join('');
    const mappings = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`v${i}`, 'name']));
    expect(checkVariableMappings(content, mappings, fields, 'ko').map((p) => p.message)).toEqual(['템플릿의 변수가 41개입니다. NHN은 40개까지 허용합니다']);
  });

  it('reports too many variables', () => {
    const content = Array.from({ length: 41 }, (_, i) => `#{v${i}}`).join('');
    const mappings = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`v${i}`, 'name']));
    expect(checkVariableMappings(content, mappings, fields)).toEqual([
      { code: 'too_many_variables', message: 'The template has 41 variables; NHN allows at most 40' },
    ]);
  });

  it('is empty when every variable maps to a known field', () => {
    expect(checkVariableMappings('#{a}', { a: 'name', unused: 'x' }, fields)).toEqual([]);
  });
});
