import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Condition } from '../src/index.ts';
import {
  MAX_CONDITION_DEPTH,
  MAX_GROUP_SIZE,
  conditionProblems,
  conditionSchema,
  isGroup,
  normalizeCondition,
  operatorsForFieldType,
  optionalConditionSchema,
  validateConditionAgainstFields,
} from '../src/index.ts';
import { fields, leaf } from './fixtures.ts';

function issues(input: unknown) {
  const result = conditionSchema.safeParse(input);
  if (result.success) throw new Error(`expected failure for ${JSON.stringify(input)}`);
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

describe('legacy shapes from the plan', () => {
  it('{field, value} means eq', () => {
    expect(normalizeCondition({ field: 'status', value: '신규' })).toEqual({
      field: 'status',
      operator: 'eq',
      value: '신규',
    });
  });

  it.each(['eq', 'ne', 'contains'] as const)('{field, operator: %s, value} is kept', (operator) => {
    expect(normalizeCondition({ field: 'status', operator, value: '신규' })).toEqual({
      field: 'status',
      operator,
      value: '신규',
    });
  });

  it('a legacy repeat stop condition with extra keys is normalised', () => {
    expect(normalizeCondition({ field: 'status', operator: 'ne', value: '신규', label: 'old UI' })).toEqual({
      field: 'status',
      operator: 'ne',
      value: '신규',
    });
  });
});

describe('the full model', () => {
  it('accepts nested groups and keeps them', () => {
    const input = {
      all: [
        { field: 'score', operator: 'gte', value: 50 },
        {
          any: [
            { field: 'status', value: '신규' },
            { field: 'memo', operator: 'is_empty' },
          ],
        },
      ],
    };
    expect(normalizeCondition(input)).toEqual({
      all: [
        { field: 'score', operator: 'gte', value: 50 },
        {
          any: [
            { field: 'status', operator: 'eq', value: '신규' },
            { field: 'memo', operator: 'is_empty' },
          ],
        },
      ],
    });
  });

  it('drops empty values on valueless operators', () => {
    expect(normalizeCondition({ field: 'memo', operator: 'is_empty', value: '' })).toEqual({
      field: 'memo',
      operator: 'is_empty',
    });
    expect(normalizeCondition({ field: 'memo', operator: 'changed', value: null })).toEqual({
      field: 'memo',
      operator: 'changed',
    });
  });

  it('accepts lists for in / not_in and scalars elsewhere', () => {
    expect(normalizeCondition(leaf('status', 'in', ['신규', 1, true]))).toEqual(
      leaf('status', 'in', ['신규', 1, true]),
    );
    expect(normalizeCondition(leaf('score', 'gt', 0))).toEqual(leaf('score', 'gt', 0));
    expect(normalizeCondition(leaf('name', 'eq', ''))).toEqual(leaf('name', 'eq', ''));
  });

  it('nests up to the depth limit', () => {
    let node: unknown = { field: 'a', value: 1 };
    for (let i = 0; i < MAX_CONDITION_DEPTH; i++) node = { all: [node] };
    expect(() => normalizeCondition(node)).not.toThrow();
    expect(issues({ any: [node] })[0]?.message).toMatch(/nested at most/);
  });

  it('isGroup tells groups from leaves', () => {
    expect(isGroup({ all: [] })).toBe(true);
    expect(isGroup({ any: [] })).toBe(true);
    expect(isGroup(leaf('a', 'eq', 1))).toBe(false);
  });
});

describe('clear errors with paths', () => {
  it.each<[unknown, Array<{ path: PropertyKey[]; message: RegExp }>]>([
    ['status', [{ path: [], message: /must be a rule/ }]],
    [null, [{ path: [], message: /must be a rule/ }]],
    [[{ field: 'a' }], [{ path: [], message: /must be a rule/ }]],
    [{}, [{ path: ['field'], message: /^Field is required$/ }]],
    [{ field: '' }, [{ path: ['field'], message: /^Field is required$/ }]],
    [{ field: 3, value: 1 }, [{ path: ['field'], message: /^Field must be text$/ }]],
    [
      { field: 'a', operator: 'like', value: 1 },
      [{ path: ['operator'], message: /Unknown operator "like"/ }],
    ],
    [{ field: 'a', operator: 'eq' }, [{ path: ['value'], message: /needs a value/ }]],
    [{ field: 'a', operator: 'eq', value: null }, [{ path: ['value'], message: /needs a value/ }]],
    [{ field: 'a', value: { x: 1 } }, [{ path: ['value'], message: /text, a number or true\/false/ }]],
    [{ field: 'a', value: Number.NaN }, [{ path: ['value'], message: /text, a number or true\/false/ }]],
    [{ field: 'a', operator: 'contains', value: '  ' }, [{ path: ['value'], message: /non-empty value/ }]],
    [{ field: 'a', operator: 'gt', value: '' }, [{ path: ['value'], message: /non-empty value/ }]],
    [{ field: 'a', operator: 'in', value: 'x' }, [{ path: ['value'], message: /non-empty list/ }]],
    [{ field: 'a', operator: 'in', value: [] }, [{ path: ['value'], message: /non-empty list/ }]],
    [{ field: 'a', operator: 'not_in', value: ['x', null] }, [{ path: ['value', 1], message: /List items/ }]],
    [{ field: 'a', operator: 'is_empty', value: 'x' }, [{ path: ['value'], message: /takes no value/ }]],
    [{ all: [] }, [{ path: ['all'], message: /non-empty list/ }]],
    [{ any: 'x' }, [{ path: ['any'], message: /non-empty list/ }]],
    [{ all: [], field: 'a' }, [{ path: [], message: /both "all" and "field"/ }]],
    [{ all: [], any: [] }, [{ path: [], message: /both "all" and "any"/ }]],
    [
      { all: [{ field: 'a', value: 1 }, { any: [{ field: 'b', operator: 'gt' }, 7] }] },
      [
        { path: ['all', 1, 'any', 0, 'value'], message: /needs a value/ },
        { path: ['all', 1, 'any', 1], message: /must be a rule/ },
      ],
    ],
  ])('%j', (input, expected) => {
    const got = issues(input);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(got[i]?.path).toEqual(e.path);
      expect(got[i]?.message).toMatch(e.message);
    });
  });

  it('limits group size', () => {
    const big = { any: Array.from({ length: MAX_GROUP_SIZE + 1 }, () => ({ field: 'a', value: 1 })) };
    expect(issues(big)[0]?.message).toMatch(/at most 50/);
  });

  it('normalizeCondition throws a ZodError', () => {
    expect(() => normalizeCondition({ field: 'a' })).toThrow(ZodError);
  });
});

describe('optionalConditionSchema', () => {
  it.each([undefined, null, {}])('%j means no condition', (input) => {
    expect(optionalConditionSchema.parse(input)).toBeNull();
  });

  it('parses a real condition and reports errors with paths', () => {
    expect(optionalConditionSchema.parse({ field: 'a', value: 1 })).toEqual(leaf('a', 'eq', 1));
    const result = optionalConditionSchema.safeParse({ all: [{ field: 'a', operator: 'gt' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['all', 0, 'value']);
  });
});

describe('validateConditionAgainstFields', () => {
  const check = (condition: Condition, options?: { allowChangeOperators?: boolean }) =>
    validateConditionAgainstFields(condition, fields, options);

  it('is empty for a fine condition', () => {
    const condition: Condition = {
      all: [
        leaf('score', 'gte', '50'),
        leaf('status', 'in', ['신규', 'vip']),
        leaf('due', 'lt', '2026-03-01'),
        leaf('phone', 'starts_with', '010'),
        leaf('memo', 'is_empty'),
        { any: [leaf('status', 'changed_to', '상담중'), leaf('name', 'contains', '김')] },
      ],
    };
    expect(check(condition)).toEqual([]);
  });

  it('reports unknown fields', () => {
    expect(check(leaf('nope', 'eq', 1))).toEqual(['Unknown field "nope"']);
  });

  it('reports operators that do not fit the field type', () => {
    expect(check(leaf('name', 'gt', 5))).toEqual(['Operator "gt" cannot be used with text field "이름"']);
    expect(check(leaf('status', 'contains', '신'))).toEqual([
      'Operator "contains" cannot be used with select field "상태"',
    ]);
    expect(check(leaf('score', 'starts_with', '1'))).toHaveLength(1);
  });

  it('reports select values that are not options', () => {
    expect(check(leaf('status', 'eq', '보류'))).toEqual(['"보류" is not an option of field "상태"']);
    expect(check(leaf('status', 'not_in', ['신규', '보류', '취소']))).toHaveLength(2);
    expect(check({ ...leaf('status', 'eq', '신규') })).toEqual([]);
    const noOptions = [{ key: 'stage', label: '단계', type: 'select' as const }];
    expect(validateConditionAgainstFields(leaf('stage', 'eq', 'x'), noOptions)).toHaveLength(1);
  });

  it('reports values that do not fit number, date and phone fields', () => {
    expect(check(leaf('score', 'gt', '많이'))).toEqual(['"많이" is not a valid number for field "점수"']);
    expect(check(leaf('due', 'eq', '내일'))).toEqual(['"내일" is not a valid date for field "계약일"']);
    expect(check(leaf('phone', 'eq', '없음'))).toEqual(['"없음" is not a valid phone for field "전화번호"']);
  });

  it('reports change operators where no before exists, when asked', () => {
    const condition = { all: [leaf('status', 'changed'), leaf('score', 'gt', 1)] };
    expect(check(condition)).toEqual([]);
    expect(conditionProblems(condition, fields, { allowChangeOperators: false })).toEqual([
      {
        code: 'change_operator_not_allowed',
        path: ['all', 0],
        field: 'status',
        message: 'Operator "changed" needs a previous value and can never hold here',
      },
    ]);
  });

  it('gives problem paths inside nested groups', () => {
    const problems = conditionProblems(
      { any: [leaf('score', 'gt', 1), { all: [leaf('x', 'eq', 1)] }] },
      fields,
    );
    expect(problems).toEqual([
      { code: 'unknown_field', path: ['any', 1, 'all', 0], field: 'x', message: 'Unknown field "x"' },
    ]);
  });
});

describe('condition problems in Korean', () => {
  it('words every problem for a Korean admin, with the field label and the builder\'s name of the operator', () => {
    const condition = {
      all: [
        leaf('status', 'changed_to', '계약'),
        leaf('ghost', 'eq', 1),
        leaf('score', 'contains', '1'),
        leaf('score', 'gt', '많이'),
        leaf('status', 'eq', '휴면'),
      ],
    };
    expect(conditionProblems(condition, fields, { allowChangeOperators: false, locale: 'ko' }).map((p) => [p.code, p.message])).toEqual([
      ['change_operator_not_allowed', "'~(으)로 바뀜' 비교는 이전 값이 있어야 해서 여기서는 맞을 수 없습니다 ('레코드가 수정될 때' 규칙의 조건에서만 쓸 수 있습니다)"],
      ['unknown_field', '"ghost" 필드는 이 파티션에 없습니다'],
      ['operator_not_supported', "'포함함' 비교는 숫자 필드 \"점수\"에 쓸 수 없습니다"],
      ['invalid_value', '"많이"가 "점수" 필드에 맞는 숫자 값이 아닙니다'],
      ['unknown_option', '"휴면"이 "상태" 필드의 선택지에 없습니다'],
    ]);
  });

  it('finds the same problems in either language, only worded differently', () => {
    const condition = { any: [leaf('due', 'gt', '어제'), leaf('memo', 'changed'), leaf('x', 'is_empty')] };
    const strip = (locale: 'ko' | 'en') => conditionProblems(condition, fields, { allowChangeOperators: false, locale }).map(({ message: _, ...rest }) => rest);
    expect(strip('ko')).toEqual(strip('en'));
    expect(validateConditionAgainstFields(condition, fields, { locale: 'ko' })).toEqual(['"어제"가 "계약일" 필드에 맞는 날짜 값이 아닙니다', '"x" 필드는 이 파티션에 없습니다']);
  });
});

describe('operatorsForFieldType', () => {
  it('offers ordering for number and date, text search for text and phone', () => {
    expect(operatorsForFieldType('number')).toContain('gt');
    expect(operatorsForFieldType('date')).toContain('lte');
    expect(operatorsForFieldType('text')).not.toContain('gt');
    expect(operatorsForFieldType('phone')).toContain('starts_with');
    expect(operatorsForFieldType('select')).not.toContain('contains');
  });
});
