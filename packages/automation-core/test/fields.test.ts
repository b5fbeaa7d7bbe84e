import { describe, expect, it } from 'vitest';
import { fieldDefinitionSchema, fieldDefinitionsSchema, findField } from '../src/index.ts';
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
