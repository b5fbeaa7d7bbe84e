import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, ConditionOperator, FireOn, RecordData } from '../src/index.ts';
import {
  CONDITION_OPERATORS,
  LIST_OPERATORS,
  ORDER_OPERATORS,
  TEXT_SEARCH_OPERATORS,
  VALUELESS_OPERATORS,
  decideRepeat,
  describeCondition,
  evaluate,
  formatPhone,
  matchTrigger,
  normalizeCondition,
  normalizePhone,
  validateConditionAgainstFields,
} from '../src/index.ts';
import { fields } from './fixtures.ts';

const keyArb = fc.oneof(
  fc.constantFrom(...fields.map((f) => f.key)),
  fc.constantFrom('extra', 'constructor', 'toString', '__proto__'),
  fc.string({ minLength: 1, maxLength: 6 }),
);

// Values a real record holds, mixed with anything JSON can hold.
const interesting = fc.constantFrom(
  '신규',
  '상담중',
  ' VIP ',
  '010-1234-5678',
  '+82 10 1234 5678',
  '2026-03-01',
  '2026-03-01T10:00:00+09:00',
  '2026-02-30',
  '50',
  '1,000',
  'abc',
  '',
  '  ',
  0,
  50,
  -1.5,
  true,
  null,
);
const valueArb = fc.oneof(interesting, fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.string());
const scalarArb = fc.oneof(
  interesting.filter((v) => v !== null),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
);
const nonEmptyScalarArb = scalarArb.filter((v) => typeof v !== 'string' || v.trim() !== '');

const recordArb: fc.Arbitrary<RecordData> = fc.dictionary(keyArb, valueArb, { maxKeys: 8 });

const leafArb: fc.Arbitrary<Condition> = fc
  .record({ field: keyArb, operator: fc.constantFrom(...CONDITION_OPERATORS) })
  .chain(({ field, operator }) => {
    const op: ConditionOperator = operator;
    if (VALUELESS_OPERATORS.includes(op)) return fc.constant<Condition>({ field, operator: op });
    const value: fc.Arbitrary<unknown> = LIST_OPERATORS.includes(op)
      ? fc.array(scalarArb, { minLength: 1, maxLength: 4 })
      : TEXT_SEARCH_OPERATORS.includes(op) || ORDER_OPERATORS.includes(op)
        ? nonEmptyScalarArb
        : scalarArb;
    return value.map((v): Condition => ({ field, operator: op, value: v }));
  });

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    leafArb,
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((all): Condition => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((any): Condition => ({ any })),
  ),
})).node;

/** The plan's stored shapes: eq leaves without an operator, plus stray keys. */
function toLegacy(condition: Condition): unknown {
  if ('all' in condition) return { all: condition.all.map(toLegacy) };
  if ('any' in condition) return { any: condition.any.map(toLegacy) };
  if (condition.operator === 'eq') return { field: condition.field, value: condition.value, note: 'legacy' };
  return { ...condition, label: 'old ui' };
}

const fireOns: FireOn[] = ['became_true', 'every_matching_update'];
const optionalConditionArb = fc.option(conditionArb, { nil: null });

describe('properties', () => {
  it('evaluate never throws on arbitrary records and well-formed conditions', () => {
    fc.assert(
      fc.property(optionalConditionArb, fc.option(recordArb), recordArb, (condition, before, after) => {
        const { matched, trace } = evaluate(condition, { before, after, fields });
        expect(typeof matched).toBe('boolean');
        expect(trace.result).toBe(matched);
      }),
      { numRuns: 2000 },
    );
  });

  it('generated conditions are well-formed: the schema keeps them as they are', () => {
    fc.assert(
      fc.property(conditionArb, (condition) => {
        expect(normalizeCondition(condition)).toEqual(condition);
      }),
    );
  });

  it('condition normalisation is idempotent, legacy shapes included', () => {
    fc.assert(
      fc.property(conditionArb, (condition) => {
        const once = normalizeCondition(toLegacy(condition));
        expect(once).toEqual(condition);
        expect(normalizeCondition(once)).toEqual(once);
      }),
    );
  });

  it('describe and validate never throw', () => {
    fc.assert(
      fc.property(optionalConditionArb, (condition) => {
        expect(describeCondition(condition, fields, 'ko')).toMatch(/때$|^항상/);
        expect(describeCondition(condition, fields, 'en')).toMatch(/^(When|Always) /);
        if (condition) expect(Array.isArray(validateConditionAgainstFields(condition, fields))).toBe(true);
      }),
    );
  });

  it('phone normalisation is idempotent and agrees with formatting', () => {
    const phoneLike = fc
      .tuple(
        fc.constantFrom('', '+82 ', '82-', '0082 ', '+1 '),
        fc.constantFrom('010', '10', '011', '02', '070', '016'),
        fc.stringMatching(/^\d{3,4}$/),
        fc.stringMatching(/^\d{4}$/),
        fc.constantFrom('-', ' ', '.', ''),
      )
      .map(([cc, prefix, mid, end, sep]) => `${cc}${prefix}${sep}${mid}${sep}${end}`);
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string(), fc.stringMatching(/^[\d +().-]{0,20}$/)), (input) => {
        const once = normalizePhone(input);
        if (!once.ok) {
          expect(once.reason.length).toBeGreaterThan(0);
          return;
        }
        expect(once.value).toMatch(/^01[016789]\d{7,8}$/);
        expect(normalizePhone(once.value)).toEqual(once);
        expect(normalizePhone(formatPhone(once.value))).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('an update that changes nothing never fires', () => {
    fc.assert(
      fc.property(
        optionalConditionArb,
        recordArb,
        fc.constantFrom(...fireOns),
        (triggerCondition, record, fireOn) => {
          const decision = matchTrigger({
            link: { triggerType: 'on_update', triggerCondition, fireOn, isActive: true },
            event: 'update',
            before: record,
            after: structuredClone(record),
            fields,
          });
          expect(decision.fire).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('became_true fires only when the condition holds after and did not hold before', () => {
    fc.assert(
      fc.property(conditionArb, recordArb, recordArb, (triggerCondition, before, after) => {
        const decision = matchTrigger({
          link: { triggerType: 'on_update', triggerCondition, fireOn: 'became_true', isActive: true },
          event: 'update',
          before,
          after,
          fields,
        });
        if (decision.fire) {
          expect(evaluate(triggerCondition, { before, after, fields }).matched).toBe(true);
          expect(evaluate(triggerCondition, { after: before, fields }).matched).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a repeat series never makes more than maxRepeat sends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 720 }),
        conditionArb,
        fc.array(recordArb, { minLength: 1, maxLength: 30 }),
        (maxRepeat, intervalHours, stopCondition, records) => {
          const config = { intervalHours, maxRepeat, stopCondition };
          let sends = 0;
          let stopped = false;
          for (let step = 0; step < 40 && !stopped; step++) {
            const record = records[step % records.length]!;
            const decision = decideRepeat({
              repeatCount: sends,
              config,
              link: { isActive: true, deleted: false },
              record,
              fields,
            });
            if (decision.action === 'send') sends++;
            else stopped = true;
          }
          expect(sends).toBeLessThanOrEqual(maxRepeat);
          expect(stopped).toBe(true);
        },
      ),
    );
  });

  it('a series whose stop condition never holds makes exactly maxRepeat sends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), (maxRepeat) => {
        const config = {
          intervalHours: 1,
          maxRepeat,
          stopCondition: { field: 'status', operator: 'eq' as const, value: '계약' },
        };
        let sends = 0;
        while (
          decideRepeat({
            repeatCount: sends,
            config,
            link: { isActive: true, deleted: false },
            record: {},
            fields,
          }).action === 'send'
        ) {
          sends++;
        }
        expect(sends).toBe(maxRepeat);
      }),
    );
  });
});
