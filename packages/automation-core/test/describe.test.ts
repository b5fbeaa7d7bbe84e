import { describe, expect, it } from 'vitest';
import type { Condition } from '../src/index.ts';
import { describeCondition } from '../src/index.ts';
import { fields, leaf } from './fixtures.ts';

const ko = (c: Condition | null) => describeCondition(c, fields, 'ko');
const en = (c: Condition | null) => describeCondition(c, fields, 'en');

describe('the sentences from ui.md', () => {
  it('single value', () => {
    expect(ko(leaf('status', 'eq', '신규'))).toBe("상태가 '신규'일 때");
    expect(en(leaf('status', 'eq', '신규'))).toBe("When 상태 is '신규'");
  });

  it('two conditions joined with and', () => {
    const condition = { all: [leaf('score', 'gte', 50), leaf('status', 'eq', '신규')] };
    expect(ko(condition)).toBe("점수가 50 이상이고 상태가 '신규'일 때");
    expect(en(condition)).toBe("When 점수 is at least 50 and 상태 is '신규'");
  });

  it('a change', () => {
    expect(ko(leaf('status', 'changed_to', '상담중'))).toBe("상태가 '상담중'으로 바뀌었을 때");
    expect(en(leaf('status', 'changed_to', '상담중'))).toBe("When 상태 changed to '상담중'");
  });
});

describe('every operator, Korean and English', () => {
  it.each<[Condition, string, string]>([
    [leaf('status', 'ne', '신규'), "상태가 '신규'가 아닐 때", "When 상태 is not '신규'"],
    [leaf('status', 'ne', '상담중'), "상태가 '상담중'이 아닐 때", "When 상태 is not '상담중'"],
    [leaf('memo', 'contains', '긴급'), "메모에 '긴급'이 포함될 때", "When 메모 contains '긴급'"],
    [
      leaf('memo', 'not_contains', '광고'),
      "메모에 '광고'가 포함되지 않을 때",
      "When 메모 does not contain '광고'",
    ],
    [
      leaf('phone', 'starts_with', '010'),
      "전화번호가 '010'으로 시작할 때",
      "When 전화번호 starts with '010'",
    ],
    [leaf('name', 'starts_with', '김'), "이름이 '김'으로 시작할 때", "When 이름 starts with '김'"],
    [leaf('name', 'starts_with', '박실'), "이름이 '박실'로 시작할 때", "When 이름 starts with '박실'"],
    [
      leaf('status', 'in', ['신규', '상담중']),
      "상태가 '신규', '상담중' 중 하나일 때",
      "When 상태 is one of '신규', '상담중'",
    ],
    [leaf('status', 'not_in', ['계약']), "상태가 '계약' 중 어느 것도 아닐 때", "When 상태 is none of '계약'"],
    [leaf('memo', 'is_empty'), '메모가 비어 있을 때', 'When 메모 is empty'],
    [leaf('memo', 'is_not_empty'), '메모가 비어 있지 않을 때', 'When 메모 is not empty'],
    [leaf('score', 'gt', 1000), '점수가 1,000 초과일 때', 'When 점수 is greater than 1,000'],
    [leaf('score', 'lt', '2.5'), '점수가 2.5 미만일 때', 'When 점수 is less than 2.5'],
    [leaf('score', 'lte', 10), '점수가 10 이하일 때', 'When 점수 is at most 10'],
    [leaf('due', 'gt', '2026-03-01'), '계약일이 2026-03-01보다 늦을 때', 'When 계약일 is after 2026-03-01'],
    [
      leaf('due', 'gte', '2026.3.1'),
      '계약일이 2026-03-01 이후일 때',
      'When 계약일 is on or after 2026-03-01',
    ],
    [leaf('due', 'lt', '2026-03-01'), '계약일이 2026-03-01보다 이를 때', 'When 계약일 is before 2026-03-01'],
    [
      leaf('due', 'lte', '2026-03-01'),
      '계약일이 2026-03-01 이전일 때',
      'When 계약일 is on or before 2026-03-01',
    ],
    [
      leaf('due', 'eq', '2026-03-01T10:00:00+09:00'),
      '계약일이 2026-03-01 10:00일 때',
      'When 계약일 is 2026-03-01 10:00',
    ],
    [
      leaf('due', 'lt', '2026-03-01T00:00:00Z'),
      '계약일이 2026-03-01 09:00보다 이를 때',
      'When 계약일 is before 2026-03-01 09:00',
    ],
    [leaf('status', 'changed'), '상태가 바뀌었을 때', 'When 상태 changed'],
    [
      leaf('status', 'changed_from', '신규'),
      "상태가 '신규'에서 바뀌었을 때",
      "When 상태 changed from '신규'",
    ],
    [
      leaf('phone', 'eq', '01012345678'),
      "전화번호가 '010-1234-5678'일 때",
      "When 전화번호 is '010-1234-5678'",
    ],
    [leaf('email', 'eq', 'a@b.c'), "email이(가) 'a@b.c'일 때", "When email is 'a@b.c'"],
    [leaf('score', 'eq', 'abc'), "점수가 'abc'일 때", "When 점수 is 'abc'"],
  ])('%j', (condition, korean, english) => {
    expect(ko(condition)).toBe(korean);
    expect(en(condition)).toBe(english);
  });
});

describe('particles after digits follow their Korean reading', () => {
  it.each([
    ['0', '으로'],
    ['1', '로'],
    ['2', '로'],
    ['3', '으로'],
    ['6', '으로'],
    ['7', '로'],
    ['8', '로'],
    ['9', '로'],
  ])('%s takes %s', (digit, particle) => {
    expect(ko(leaf('phone', 'starts_with', `01${digit}`))).toBe(
      `전화번호가 '01${digit}'${particle} 시작할 때`,
    );
  });
});

describe('groups', () => {
  const nested: Condition = {
    all: [leaf('score', 'gte', 50), { any: [leaf('status', 'eq', '신규'), leaf('memo', 'is_empty')] }],
  };

  it('parenthesise nested groups', () => {
    expect(ko(nested)).toBe("점수가 50 이상이고 (상태가 '신규'이거나 메모가 비어 있을) 때");
    expect(en(nested)).toBe("When 점수 is at least 50 and (상태 is '신규' or 메모 is empty)");
  });

  it('use the connector of their position inside', () => {
    const first: Condition = {
      all: [{ any: [leaf('status', 'ne', '신규'), leaf('status', 'changed')] }, leaf('memo', 'is_not_empty')],
    };
    expect(ko(first)).toBe("(상태가 '신규'가 아니거나 상태가 바뀌었고) 메모가 비어 있지 않을 때");
  });

  it('every operator has or / and forms', () => {
    const ops = [
      leaf('status', 'ne', '신규'),
      leaf('memo', 'contains', 'a'),
      leaf('memo', 'not_contains', 'a'),
      leaf('name', 'starts_with', 'a'),
      leaf('status', 'not_in', ['신규']),
      leaf('memo', 'is_empty'),
      leaf('memo', 'is_not_empty'),
      leaf('due', 'gt', '2026-01-01'),
      leaf('due', 'lt', '2026-01-01'),
      leaf('status', 'changed'),
    ];
    expect(ko({ any: ops })).toBe(
      "상태가 '신규'가 아니거나 메모에 'a'이(가) 포함되거나 메모에 'a'이(가) 포함되지 않거나 " +
        "이름이 'a'(으)로 시작하거나 상태가 '신규' 중 어느 것도 아니거나 메모가 비어 있거나 메모가 비어 있지 않거나 " +
        '계약일이 2026-01-01보다 늦거나 계약일이 2026-01-01보다 이르거나 상태가 바뀌었을 때',
    );
    expect(ko({ all: ops })).toContain("상태가 '신규'가 아니고 메모에 'a'이(가) 포함되고");
    expect(
      ko({
        all: [leaf('due', 'gt', '2026-01-01'), leaf('due', 'lt', '2026-01-01'), leaf('memo', 'is_empty')],
      }),
    ).toBe('계약일이 2026-01-01보다 늦고 계약일이 2026-01-01보다 이르고 메모가 비어 있을 때');
  });
});

describe('edge cases', () => {
  it('no condition reads as always', () => {
    expect(ko(null)).toBe('항상 (조건 없음)');
    expect(describeCondition(undefined, fields, 'en')).toBe('Always (no condition)');
  });

  it('unknown operators fall back to equality wording', () => {
    const odd = { field: 'status', operator: 'like', value: 'x' } as unknown as Condition;
    expect(ko(odd)).toBe("상태가 'x'일 때");
    expect(en(odd)).toBe("When 상태 is 'x'");
  });

  it('object values are shown as JSON', () => {
    expect(en({ field: 'name', operator: 'eq', value: { a: 1 } })).toBe('When 이름 is \'{"a":1}\'');
    expect(en({ field: 'name', operator: 'eq' })).toBe("When 이름 is ''");
  });
});
