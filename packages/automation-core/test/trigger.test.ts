import { describe, expect, it } from 'vitest';
import type { Condition, FireOn, RecordData, TriggerType } from '../src/index.ts';
import { matchTrigger } from '../src/index.ts';
import { fields, leaf } from './fixtures.ts';

function link(
  triggerType: TriggerType,
  triggerCondition: Condition | null,
  fireOn: FireOn = 'became_true',
  isActive = true,
) {
  return { triggerType, triggerCondition, fireOn, isActive };
}

const isNew = leaf('status', 'eq', '신규');
const consulting = leaf('status', 'eq', '상담중');

describe('gates', () => {
  it('an inactive link never fires', () => {
    expect(
      matchTrigger({
        link: link('on_create', null, 'became_true', false),
        event: 'create',
        after: {},
        fields,
      }),
    ).toEqual({ fire: false, reason: 'inactive' });
  });

  it.each<[TriggerType, 'create' | 'update']>([
    ['manual', 'create'],
    ['manual', 'update'],
    ['on_create', 'update'],
    ['on_update', 'create'],
  ])('%s does not fire on %s', (triggerType, event) => {
    const before = event === 'update' ? { status: '신규' } : null;
    expect(
      matchTrigger({ link: link(triggerType, null), event, before, after: { status: '상담중' }, fields }),
    ).toEqual({
      fire: false,
      reason: 'trigger_mismatch',
    });
  });
});

describe('on_create', () => {
  it('fires when the condition holds, with the trace', () => {
    const decision = matchTrigger({
      link: link('on_create', isNew),
      event: 'create',
      after: { status: '신규' },
      fields,
    });
    expect(decision).toMatchObject({ fire: true, trace: { kind: 'leaf', result: true } });
  });

  it('fires without a condition', () => {
    expect(matchTrigger({ link: link('on_create', null), event: 'create', after: {}, fields })).toEqual({
      fire: true,
      trace: { kind: 'none', result: true },
    });
  });

  it('does not fire when the condition is false, and explains', () => {
    const decision = matchTrigger({
      link: link('on_create', isNew),
      event: 'create',
      after: { status: '계약' },
      fields,
    });
    expect(decision).toMatchObject({
      fire: false,
      reason: 'condition_false',
      trace: { actual: '계약', result: false },
    });
  });

  it('ignores a before passed on create: change operators cannot hold', () => {
    const decision = matchTrigger({
      link: link('on_create', leaf('status', 'changed')),
      event: 'create',
      before: { status: '신규' },
      after: { status: '상담중' },
      fields,
    });
    expect(decision).toMatchObject({
      fire: false,
      reason: 'condition_false',
      trace: { noteCode: 'no_before' },
    });
  });
});

describe('on_update, became_true', () => {
  const update = (condition: Condition | null, before: RecordData | null | undefined, after: RecordData) =>
    matchTrigger({ link: link('on_update', condition), event: 'update', before, after, fields });

  it('fires when the condition starts to hold', () => {
    expect(update(consulting, { status: '신규' }, { status: '상담중' })).toMatchObject({ fire: true });
  });

  it('does not re-fire on unrelated edits of a matching record', () => {
    expect(
      update(consulting, { status: '상담중', memo: 'a' }, { status: '상담중', memo: 'b' }),
    ).toMatchObject({
      fire: false,
      reason: 'not_a_transition',
      trace: { result: true },
    });
  });

  it('does not fire when the condition does not hold after', () => {
    expect(update(consulting, { status: '상담중' }, { status: '계약' })).toMatchObject({
      fire: false,
      reason: 'condition_false',
    });
  });

  it('does not fire for an unchanged record', () => {
    expect(update(null, { status: '신규' }, { status: '신규' })).toMatchObject({
      fire: false,
      reason: 'not_a_transition',
    });
    expect(update(consulting, { status: '상담중', a: undefined }, { status: '상담중' })).toMatchObject({
      fire: false,
      reason: 'not_a_transition',
    });
  });

  it('change operators are transitions themselves', () => {
    const moved = leaf('status', 'changed_to', '상담중');
    expect(update(moved, { status: '신규' }, { status: '상담중' })).toMatchObject({ fire: true });
    const mixed = { all: [leaf('score', 'gte', 50), leaf('status', 'changed')] };
    expect(update(mixed, { score: 60, status: '신규' }, { score: 60, status: '상담중' })).toMatchObject({
      fire: true,
    });
  });

  it('without a condition fires on every real change', () => {
    expect(update(null, { memo: 'a' }, { memo: 'b' })).toMatchObject({ fire: true });
  });

  it('without before counts as not holding before', () => {
    expect(update(consulting, undefined, { status: '상담중' })).toMatchObject({ fire: true });
    expect(update(consulting, null, { status: '상담중' })).toMatchObject({ fire: true });
  });
});

describe('on_update, every_matching_update', () => {
  const update = (condition: Condition | null, before: RecordData, after: RecordData) =>
    matchTrigger({
      link: link('on_update', condition, 'every_matching_update'),
      event: 'update',
      before,
      after,
      fields,
    });

  it('fires on every change while the condition holds', () => {
    expect(
      update(consulting, { status: '상담중', memo: 'a' }, { status: '상담중', memo: 'b' }),
    ).toMatchObject({
      fire: true,
    });
    expect(update(consulting, { status: '신규' }, { status: '상담중' })).toMatchObject({ fire: true });
  });

  it('but not when nothing changed, nor when the condition is false', () => {
    expect(update(consulting, { status: '상담중' }, { status: '상담중' })).toMatchObject({
      fire: false,
      reason: 'not_a_transition',
    });
    expect(update(consulting, { status: '상담중' }, { status: '계약' })).toMatchObject({
      fire: false,
      reason: 'condition_false',
    });
  });
});
