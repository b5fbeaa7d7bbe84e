import { describe, expect, it } from 'vitest';
import { fieldDefinitionSchema, fieldDefinitionsSchema, findField, isRecipientField, partitionFields } from '../src/index.ts';
import { fields } from './fixtures.ts';

describe('field definitions', () => {
  it('accepts the fixture partition', () => {
    expect(fieldDefinitionsSchema.parse(fields)).toEqual(fields);
  });

  it('rejects duplicate keys and option-less select fields, with paths', () => {
    const result = fieldDefinitionsSchema.safeParse([
      { key: 'a', label: 'A', type: 'text' },
      { key: 'a', label: 'A2', type: 'number' },
      { key: 's', label: 'S', type: 'select' },
      { key: 't', label: 'T', type: 'select', options: [] },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[1, 'key'], 'Duplicate field key "a"'],
      [[2, 'options'], 'Select field "s" needs at least one option'],
      [[3, 'options'], 'Select field "t" needs at least one option'],
    ]);
  });

  it('requires key, label and a known type', () => {
    expect(fieldDefinitionSchema.safeParse({ key: '', label: 'x', type: 'text' }).success).toBe(false);
    expect(fieldDefinitionSchema.safeParse({ key: 'x', label: '', type: 'text' }).success).toBe(false);
    expect(fieldDefinitionSchema.safeParse({ key: 'x', label: 'x', type: 'email' }).success).toBe(false);
  });

  it('findField returns the first match', () => {
    expect(findField(fields, 'score')?.label).toBe('점수');
    expect(findField(fields, 'nope')).toBeUndefined();
  });
});

describe('partitionFields', () => {
  it('reads a valid list as is', () => {
    const list = [{ key: 'name', label: '이름', type: 'text' }];
    expect(partitionFields(list)).toEqual(list);
  });

  it('keeps the well-formed definitions of a list with a bad one, so worker and API see the same fields', () => {
    expect(partitionFields([{ key: 'name', label: '이름', type: 'text' }, { key: 'x', type: 'colour' }, null])).toEqual([
      { key: 'name', label: '이름', type: 'text' },
    ]);
  });

  it('reads anything that is not a list as no fields', () => {
    expect(partitionFields(null)).toEqual([]);
    expect(partitionFields({ key: 'name' })).toEqual([]);
  });
});

describe('isRecipientField', () => {
  it('accepts phone and text fields only', () => {
    expect(isRecipientField({ type: 'phone' })).toBe(true);
    expect(isRecipientField({ type: 'text' })).toBe(true);
    expect(isRecipientField({ type: 'select' })).toBe(false);
    expect(isRecipientField(undefined)).toBe(false);
  });
});
