import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, RuleIdentity } from '../src/index.ts';
import { conditionKey, evaluate, findOverlappingRules } from '../src/index.ts';
import { fields, leaf } from './fixtures.ts';

const vip = leaf('status', 'eq', 'VIP');
const rule = (id: string, changes: Partial<RuleIdentity> = {}): RuleIdentity => ({
  id,
  partitionId: 'p1',
  templateId: 't1',
  triggerType: 'on_create',
  triggerCondition: vip,
  isActive: true,
  ...changes,
});
const draft = { partitionId: 'p1', templateId: 't1', triggerType: 'on_create' as const, triggerCondition: vip };
const ids = (rules: RuleIdentity[]) => rules.map((r) => r.id);

describe('findOverlappingRules', () => {
  it('finds an active rule with the same partition, template, trigger and condition', () => {
    expect(ids(findOverlappingRules(draft, [rule('same')]))).toEqual(['same']);
  });

  it('counts "no condition" on either side as matching every record', () => {
    expect(ids(findOverlappingRules(draft, [rule('open', { triggerCondition: null })]))).toEqual(['open']);
    expect(ids(findOverlappingRules({ ...draft, triggerCondition: null }, [rule('narrow')]))).toEqual(['narrow']);
  });

  it('leaves out rules that cannot double the same message', () => {
    const others = [
      rule('off', { isActive: false }),
      rule('other-partition', { partitionId: 'p2' }),
      rule('other-template', { templateId: 't2' }),
      rule('other-trigger', { triggerType: 'on_update' }),
      rule('other-condition', { triggerCondition: leaf('status', 'eq', '신규') }),
    ];
    expect(findOverlappingRules(draft, others)).toEqual([]);
  });

  it('does not warn a rule about itself while it is being edited', () => {
    expect(findOverlappingRules({ ...draft, id: 'me' }, [rule('me')])).toEqual([]);
  });

  it('never warns about manual rules: nothing sends them by itself', () => {
    const manual = { ...draft, triggerType: 'manual' as const };
    expect(findOverlappingRules(manual, [rule('m', { triggerType: 'manual' })])).toEqual([]);
  });

  it('sees the same condition written in another order', () => {
    const a: Condition = { all: [vip, leaf('score', 'gte', 10), leaf('status', 'in', ['신규', 'VIP'])] };
    const b: Condition = { all: [leaf('status', 'in', ['VIP', '신규']), vip, leaf('score', 'gte', 10)] };
    expect(ids(findOverlappingRules({ ...draft, triggerCondition: a }, [rule('b', { triggerCondition: b })]))).toEqual(['b']);
    expect(conditionKey({ any: [vip] })).toBe(conditionKey(vip));
  });

  it('keeps "all" and "any" of the same members apart', () => {
    const members = [vip, leaf('score', 'gte', 10)];
    expect(conditionKey({ all: members })).not.toBe(conditionKey({ any: members }));
  });
});

// Soundness of the warning: two conditions with the same key decide every record the same way, so a warning for
// "the same condition" is never about conditions that could disagree.
const leafArb = fc.oneof(
  fc.record({ field: fc.constant('status'), operator: fc.constantFrom('eq' as const, 'ne' as const), value: fc.constantFrom('신규', 'VIP', '계약') }),
  fc.record({ field: fc.constant('score'), operator: fc.constantFrom('gte' as const, 'lt' as const), value: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ field: fc.constant('status'), operator: fc.constant('in' as const), value: fc.subarray(['신규', '상담중', '계약', 'VIP'], { minLength: 1 }) }),
);
const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  ),
})).node;
const recordArb = fc.record({ status: fc.constantFrom('신규', '상담중', '계약', 'VIP', ''), score: fc.integer({ min: -1, max: 21 }) });

function shuffled(condition: Condition, seed: number): Condition {
  const turn = <T>(list: T[]) => (list.length > 1 ? [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)] : list);
  if ('all' in condition) return { all: turn(condition.all.map((c) => shuffled(c, seed + 1))) };
  if ('any' in condition) return { any: turn(condition.any.map((c) => shuffled(c, seed + 1))) };
  return Array.isArray(condition.value) ? { ...condition, value: turn(condition.value) } : condition;
}

describe('conditionKey', () => {
  it('is the same for a reordered condition, and equal keys always decide a record alike', () => {
    fc.assert(
      fc.property(conditionArb, conditionArb, fc.nat(5), recordArb, (a, b, seed, record) => {
        const reordered = shuffled(a, seed);
        expect(conditionKey(reordered)).toBe(conditionKey(a));
        for (const other of [reordered, b]) {
          if (conditionKey(other) !== conditionKey(a)) continue;
          const ctx = { before: null, after: record, fields };
          expect(evaluate(other, ctx).matched).toBe(evaluate(a, ctx).matched);
        }
      }),
    );
  });
});
