import { describe, expect, it } from 'vitest';
import type { Condition, ConditionOperator, RecordData } from '../src/index.ts';
import { evaluate } from '../src/index.ts';
import { fields, leaf, leafTrace, run } from './fixtures.ts';

type Case = [field: string, op: ConditionOperator, value: unknown, after: RecordData, expected: boolean];

function table(cases: Case[]) {
  it.each(
    cases.map((c) => ({ name: `${c[0]} ${c[1]} ${JSON.stringify(c[2])} on ${JSON.stringify(c[3])}`, c })),
  )('$name', ({ c }) => {
    const [field, op, value, after, expected] = c;
    expect(run(leaf(field, op, value), after).matched).toBe(expected);
  });
}

describe('text fields: trimmed, NFC, case-insensitive', () => {
  table([
    ['name', 'eq', '홍길동', { name: '홍길동' }, true],
    ['name', 'eq', '홍길동', { name: '  홍길동 ' }, true],
    ['name', 'eq', 'Kim', { name: 'KIM' }, true],
    ['name', 'eq', '홍길동', { name: '홍길순' }, false],
    ['name', 'eq', '한', { name: '\u1112\u1161\u11ab' }, true], // decomposed Hangul (macOS input)
    ['name', 'eq', '', { name: '  ' }, true],
    ['name', 'eq', '', { name: 'x' }, false],
    ['name', 'eq', 'x', {}, false],
    ['name', 'eq', 5, { name: '5' }, true],
    ['name', 'eq', true, { name: 'TRUE' }, true],
    ['name', 'ne', '홍길동', { name: '홍길순' }, true],
    ['name', 'ne', '홍길동', { name: ' 홍길동' }, false],
    ['name', 'ne', '홍길동', {}, true],
    ['name', 'ne', '', { name: 'x' }, true],
    ['name', 'ne', '', { name: { nested: true } }, true],
    ['memo', 'contains', '긴급', { memo: '오늘 긴급 연락 요망' }, true],
    ['memo', 'contains', 'URGENT', { memo: 'this is urgent' }, true],
    ['memo', 'contains', '긴급', { memo: '보통' }, false],
    ['memo', 'contains', '긴급', {}, false],
    ['memo', 'not_contains', '긴급', { memo: '보통' }, true],
    ['memo', 'not_contains', '긴급', { memo: '긴급!' }, false],
    ['memo', 'not_contains', '긴급', {}, true],
    ['memo', 'starts_with', '[광고]', { memo: ' [광고] 안내' }, true],
    ['memo', 'starts_with', '안내', { memo: '[광고] 안내' }, false],
    ['memo', 'starts_with', '안내', { memo: null }, false],
    ['name', 'in', ['김철수', '홍길동'], { name: '홍길동' }, true],
    ['name', 'in', ['김철수'], { name: '홍길동' }, false],
    ['name', 'in', ['김철수', ''], {}, true],
    ['name', 'in', ['김철수'], {}, false],
    ['name', 'not_in', ['김철수'], { name: '홍길동' }, true],
    ['name', 'not_in', ['김철수', '홍길동'], { name: '홍길동' }, false],
    ['name', 'not_in', ['김철수'], {}, true],
    ['name', 'is_empty', undefined, {}, true],
    ['name', 'is_empty', undefined, { name: null }, true],
    ['name', 'is_empty', undefined, { name: ' \t' }, true],
    ['name', 'is_empty', undefined, { name: [] }, true],
    ['name', 'is_empty', undefined, { name: 0 }, false],
    ['name', 'is_empty', undefined, { name: {} }, false],
    ['name', 'is_not_empty', undefined, { name: 'a' }, true],
    ['name', 'is_not_empty', undefined, { name: '' }, false],
  ]);
});

describe('number fields: numeric comparison', () => {
  table([
    ['score', 'eq', 50, { score: '50' }, true],
    ['score', 'eq', '50', { score: 50.0 }, true],
    ['score', 'eq', '1,000', { score: 1000 }, true],
    ['score', 'eq', 50, { score: '50.5' }, false],
    ['score', 'eq', '1e2', { score: 100 }, true],
    ['score', 'ne', 50, { score: 51 }, true],
    ['score', 'ne', 50, { score: '50' }, false],
    ['score', 'ne', 50, {}, true],
    ['score', 'gt', 50, { score: 51 }, true],
    ['score', 'gt', 50, { score: 50 }, false],
    ['score', 'gte', 50, { score: 50 }, true],
    ['score', 'gte', 50, { score: '49.99' }, false],
    ['score', 'lt', 50, { score: -3 }, true],
    ['score', 'lt', 50, { score: 50 }, false],
    ['score', 'lte', '50', { score: 50 }, true],
    ['score', 'lte', 50, { score: 50.01 }, false],
    ['score', 'gt', 50, {}, false],
    ['score', 'in', [10, '20'], { score: 20 }, true],
    ['score', 'in', [10, 20], { score: 30 }, false],
    ['score', 'not_in', [10, 20], { score: 30 }, true],
    ['score', 'is_empty', undefined, { score: 0 }, false],
  ]);

  it('a non-numeric record value is false with a note, for ne too', () => {
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'] as const) {
      const value = op === 'in' || op === 'not_in' ? [1] : 1;
      const trace = leafTrace(run(leaf('score', op, value), { score: 'abc' }).trace);
      expect(trace.result).toBe(false);
      expect(trace.noteCode).toBe('invalid_actual');
      expect(trace.note).toContain('"abc" is not a number');
    }
  });

  it('a non-numeric condition value is false with a note', () => {
    for (const op of ['eq', 'ne', 'gt'] as const) {
      const trace = leafTrace(run(leaf('score', op, 'many'), { score: 3 }).trace);
      expect(trace).toMatchObject({ result: false, noteCode: 'invalid_expected' });
    }
  });

  it('rejects malformed thousands separators, infinities and booleans', () => {
    expect(run(leaf('score', 'eq', 100), { score: '1,00' }).matched).toBe(false);
    expect(run(leaf('score', 'gt', 1), { score: Infinity }).matched).toBe(false);
    expect(run(leaf('score', 'gt', 1), { score: '1e999' }).matched).toBe(false);
    expect(run(leaf('score', 'eq', 1), { score: true }).matched).toBe(false);
  });

  it('an empty record value is false for ordering with its own note', () => {
    expect(leafTrace(run(leaf('score', 'gt', 1), { score: '' }).trace).noteCode).toBe('empty_actual');
  });

  it('an empty condition value is false for ordering', () => {
    const trace = leafTrace(run(leaf('score', 'gt', ''), { score: 1 }).trace);
    expect(trace).toMatchObject({
      result: false,
      noteCode: 'invalid_expected',
      note: 'Condition value is empty',
    });
  });

  it('a single value given to in is treated as a one-item list', () => {
    expect(run(leaf('score', 'in', 5), { score: '5' }).matched).toBe(true);
    expect(run(leaf('score', 'not_in', 5), { score: 6 }).matched).toBe(true);
  });

  it('an empty list of usable values is false with a note', () => {
    const trace = leafTrace(run(leaf('score', 'in', ['x', 'y']), { score: 1 }).trace);
    expect(trace).toMatchObject({ result: false, noteCode: 'invalid_expected' });
    expect(run(leaf('score', 'in', ['x', 1]), { score: 1 }).matched).toBe(true);
  });
});

describe('date fields: day granularity for date-only values, KST', () => {
  table([
    ['due', 'eq', '2026-03-01', { due: '2026-03-01' }, true],
    ['due', 'eq', '2026-03-01', { due: '2026.3.1' }, true],
    ['due', 'eq', '2026-03-01', { due: '2026/03/01' }, true],
    ['due', 'eq', '2026-03-01', { due: '2026-03-01T23:59:00+09:00' }, true],
    // 15:00Z is midnight in Seoul: already the next day there.
    ['due', 'eq', '2026-03-02', { due: '2026-03-01T15:00:00Z' }, true],
    ['due', 'eq', '2026-03-01', { due: '2026-03-01T14:59:59.999Z' }, true],
    ['due', 'eq', '2026-03-01', { due: '2026-03-01 09:30' }, true],
    ['due', 'eq', '2026-03-01T09:00', { due: '2026-03-01T00:00:00Z' }, true],
    ['due', 'eq', '2026-03-01T09:00:00+09:00', { due: '2026-03-01T09:00:01+09:00' }, false],
    ['due', 'ne', '2026-03-01', { due: '2026-03-02' }, true],
    ['due', 'gt', '2026-03-01', { due: '2026-03-02' }, true],
    ['due', 'gt', '2026-03-01', { due: '2026-03-01T23:00:00+09:00' }, false],
    ['due', 'gte', '2026-03-01', { due: '2026-03-01T00:00:00+09:00' }, true],
    ['due', 'lt', '2026-03-01', { due: '2026-02-28' }, true],
    ['due', 'lt', '2026-03-01T12:00:00+09:00', { due: '2026-03-01T11:59:59+09:00' }, true],
    ['due', 'lte', '2026-03-01', { due: '2026-03-01' }, true],
    ['due', 'lte', '2026-03-01', { due: '2026-03-02' }, false],
    ['due', 'gt', '2026-03-01T00:00:00-05:30', { due: '2026-03-01T05:31:00Z' }, true],
    ['due', 'gt', '2026-03-01T00:00:00+0530', { due: '2026-02-28T18:31:00Z' }, true],
    ['due', 'gt', '2026-03-01T00:00:00+05', { due: '2026-02-28T19:01:00Z' }, true],
    ['due', 'in', ['2026-03-01', '2026-03-05'], { due: '2026-03-05' }, true],
    ['due', 'not_in', ['2026-03-01'], { due: '2026-03-05' }, true],
  ]);

  it('accepts Date objects', () => {
    expect(run(leaf('due', 'eq', '2026-03-02'), { due: new Date('2026-03-01T15:00:00Z') }).matched).toBe(
      true,
    );
  });

  it.each([
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-03-01T24:00'],
    ['2026-03-01T10:60'],
    ['yesterday'],
    [20260301],
  ])('an impossible or unreadable date %j is false with a note', (value) => {
    const trace = leafTrace(run(leaf('due', 'lte', '2026-12-31'), { due: value }).trace);
    expect(trace).toMatchObject({ result: false, noteCode: 'invalid_actual' });
  });

  it('an invalid Date object is not a date', () => {
    expect(run(leaf('due', 'eq', '2026-03-01'), { due: new Date(Number.NaN) }).matched).toBe(false);
  });
});

describe('select fields: by option value', () => {
  table([
    ['status', 'eq', '신규', { status: '신규' }, true],
    ['status', 'eq', 'vip', { status: 'VIP' }, true],
    ['status', 'eq', '신규', { status: '상담중' }, false],
    ['status', 'ne', '신규', { status: '상담중' }, true],
    ['status', 'in', ['신규', '상담중'], { status: '상담중' }, true],
    ['status', 'not_in', ['신규', '상담중'], { status: '계약' }, true],
    ['status', 'is_empty', undefined, { status: '' }, true],
  ]);

  it('text search is not offered for select fields', () => {
    const trace = leafTrace(run(leaf('status', 'contains', '신'), { status: '신규' }).trace);
    expect(trace).toMatchObject({ result: false, noteCode: 'operator_not_supported' });
  });

  it('ordering is not offered for select fields', () => {
    const trace = leafTrace(run(leaf('status', 'gt', '신규'), { status: '상담중' }).trace);
    expect(trace).toMatchObject({ result: false, noteCode: 'operator_not_supported' });
  });
});

describe('phone fields: normalised digits', () => {
  table([
    ['phone', 'eq', '010-1234-5678', { phone: '01012345678' }, true],
    ['phone', 'eq', '+82 10 1234 5678', { phone: '010.1234.5678' }, true],
    ['phone', 'eq', '010-1234-5678', { phone: '010-1234-5679' }, false],
    ['phone', 'ne', '010-1234-5678', { phone: '010-9999-5678' }, true],
    ['phone', 'starts_with', '010', { phone: '+82-10-1234-5678' }, true],
    ['phone', 'contains', '1234', { phone: '010-1234-5678' }, true],
    ['phone', 'not_contains', '9999', { phone: '010-1234-5678' }, true],
    // Not a valid mobile number, but its digits still compare.
    ['phone', 'eq', '02-123-4567', { phone: '021234567' }, true],
    ['phone', 'in', ['010-1111-2222', '010-1234-5678'], { phone: '01012345678' }, true],
  ]);

  it('text search with an empty value is false with a note', () => {
    for (const value of ['', '  ', null]) {
      const trace = leafTrace(run(leaf('memo', 'contains', value), { memo: 'abc' }).trace);
      expect(trace).toMatchObject({ result: false, noteCode: 'invalid_expected' });
    }
  });

  it('a phone value without digits is false with a note', () => {
    expect(leafTrace(run(leaf('phone', 'eq', '01012345678'), { phone: 'none' }).trace).noteCode).toBe(
      'invalid_actual',
    );
    expect(leafTrace(run(leaf('phone', 'contains', '1'), { phone: { a: 1 } }).trace).noteCode).toBe(
      'invalid_actual',
    );
    expect(leafTrace(run(leaf('phone', 'contains', '--'), { phone: '010' }).trace).noteCode).toBe(
      'invalid_expected',
    );
  });
});

describe('fields the partition does not define', () => {
  it('compare as text and carry no label', () => {
    const trace = leafTrace(run(leaf('extra', 'contains', 'b'), { extra: 'ABC' }).trace);
    expect(trace.result).toBe(true);
    expect(trace.label).toBeUndefined();
  });

  it('ignore properties inherited from Object.prototype', () => {
    expect(run(leaf('constructor', 'is_empty'), {}).matched).toBe(true);
    expect(run(leaf('toString', 'is_not_empty'), {}).matched).toBe(false);
  });

  it('objects and arrays are not single values', () => {
    expect(leafTrace(run(leaf('name', 'eq', 'a'), { name: ['a'] }).trace).noteCode).toBe('invalid_actual');
    expect(leafTrace(run(leaf('name', 'contains', 'a'), { name: { a: 1 } }).trace).noteCode).toBe(
      'invalid_actual',
    );
  });

  it('bigint values compare by their text', () => {
    expect(run(leaf('name', 'eq', '12'), { name: 12n }).matched).toBe(true);
  });
});

describe('change operators', () => {
  it('are false without a before record, with a note', () => {
    for (const op of ['changed', 'changed_to', 'changed_from'] as const) {
      const trace = leafTrace(
        run(leaf('status', op, op === 'changed' ? undefined : '신규'), { status: '신규' }).trace,
      );
      expect(trace).toMatchObject({ result: false, noteCode: 'no_before' });
      expect(trace).not.toHaveProperty('before');
    }
  });

  it('changed compares under the field rules', () => {
    expect(run(leaf('status', 'changed'), { status: '상담중' }, { status: '신규' }).matched).toBe(true);
    expect(run(leaf('status', 'changed'), { status: '신규' }, { status: ' 신규 ' }).matched).toBe(false);
    expect(run(leaf('score', 'changed'), { score: 50 }, { score: '50' }).matched).toBe(false);
    expect(run(leaf('score', 'changed'), { score: 50 }, {}).matched).toBe(true);
    expect(run(leaf('score', 'changed'), {}, { score: 50 }).matched).toBe(true);
    expect(run(leaf('score', 'changed'), { score: null }, {}).matched).toBe(false);
    expect(run(leaf('score', 'changed'), { score: 'abc' }, { score: 'abc' }).matched).toBe(false);
    expect(run(leaf('score', 'changed'), { score: 'abc' }, { score: 1 }).matched).toBe(true);
    expect(run(leaf('name', 'changed'), { name: { a: 1 } }, { name: { a: 1 } }).matched).toBe(false);
    expect(run(leaf('name', 'changed'), { name: { a: 1 } }, { name: { a: 2 } }).matched).toBe(true);
    expect(run(leaf('due', 'changed'), { due: '2026-03-01' }, { due: '2026.03.01' }).matched).toBe(false);
  });

  it('changed on unserialisable values never throws', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(run(leaf('name', 'changed'), { name: cyclic }, { name: { a: 1n } }).matched).toBe(false);
  });

  it('records before and after in the trace', () => {
    const trace = leafTrace(
      run(leaf('status', 'changed_to', '상담중'), { status: '상담중' }, { status: '신규' }).trace,
    );
    expect(trace).toMatchObject({
      before: '신규',
      actual: '상담중',
      expected: '상담중',
      result: true,
      label: '상태',
    });
    const unchanged = leafTrace(run(leaf('status', 'changed'), { status: '신규' }, { status: '신규' }).trace);
    expect(unchanged).toMatchObject({ result: false, noteCode: 'unchanged' });
  });

  it('changed_to / changed_from check the new / old value', () => {
    const before = { status: '신규' };
    const after = { status: '상담중' };
    expect(run(leaf('status', 'changed_to', '상담중'), after, before).matched).toBe(true);
    expect(run(leaf('status', 'changed_to', '신규'), after, before).matched).toBe(false);
    expect(run(leaf('status', 'changed_from', '신규'), after, before).matched).toBe(true);
    expect(run(leaf('status', 'changed_from', '상담중'), after, before).matched).toBe(false);
    expect(run(leaf('score', 'changed_to', 80), { score: '80' }, { score: 70 }).matched).toBe(true);
    expect(run(leaf('memo', 'changed_to', ''), { memo: '' }, { memo: 'x' }).matched).toBe(true);
  });
});

describe('groups', () => {
  const condition: Condition = {
    all: [
      leaf('score', 'gte', 50),
      { any: [leaf('status', 'eq', '신규'), leaf('memo', 'contains', '긴급')] },
    ],
  };

  it('all needs every child, any needs one, and nesting works', () => {
    expect(run(condition, { score: 60, status: '신규' }).matched).toBe(true);
    expect(run(condition, { score: 60, status: '계약', memo: '긴급' }).matched).toBe(true);
    expect(run(condition, { score: 60, status: '계약' }).matched).toBe(false);
    expect(run(condition, { score: 40, status: '신규' }).matched).toBe(false);
  });

  it('traces every child without short-circuit', () => {
    const { trace } = run(condition, { score: 40, status: '신규' });
    expect(trace).toMatchObject({
      kind: 'all',
      result: false,
      children: [
        { kind: 'leaf', field: 'score', result: false, actual: 40, expected: 50 },
        { kind: 'any', result: true, children: [{ result: true }, { result: false }] },
      ],
    });
  });

  it('empty groups: all is vacuously true, any false', () => {
    expect(run({ all: [] }, {}).matched).toBe(true);
    expect(run({ any: [] }, {}).matched).toBe(false);
  });
});

describe('no condition and malformed input', () => {
  it('null or undefined means always', () => {
    expect(run(null, {})).toEqual({ matched: true, trace: { kind: 'none', result: true } });
    expect(evaluate(undefined, { after: {}, fields })).toEqual({
      matched: true,
      trace: { kind: 'none', result: true },
    });
  });

  it('malformed nodes and unknown operators are false, never thrown', () => {
    const garbage = [{ nope: 1 }, { field: 3 }, { all: 'x' }] as unknown as Condition[];
    for (const node of garbage) {
      expect(leafTrace(run(node, {}).trace)).toMatchObject({
        result: false,
        noteCode: 'malformed_condition',
      });
    }
    const unknownOperator = { field: 'name', operator: 'like', value: 'a' } as unknown as Condition;
    expect(leafTrace(run(unknownOperator, { name: 'a' }).trace)).toMatchObject({
      result: false,
      noteCode: 'malformed_condition',
      note: 'Unknown operator "like"',
    });
    expect(run({ all: [null] } as unknown as Condition, {}).matched).toBe(false);
  });

  it('duplicate field definitions: the first wins', () => {
    const dup = [...fields, { key: 'score', label: '중복', type: 'text' as const }];
    const trace = leafTrace(evaluate(leaf('score', 'gt', 5), { after: { score: 10 }, fields: dup }).trace);
    expect(trace).toMatchObject({ result: true, label: '점수' });
  });
});
