import { describe, expect, it } from 'vitest';
import { draftFromFields, fieldsFromDraft, moveItem, parseOptions } from './draft';

describe('partition field drafts', () => {
  it('keeps the keys of existing fields when relabelled, and makes keys from labels for new ones', () => {
    const drafts = draftFromFields([{ key: 'name', label: '이름', type: 'text' }]);
    drafts[0]!.label = '고객 이름';
    drafts.push({ key: null, label: ' 금액 ', type: 'number', options: '' });
    expect(fieldsFromDraft(drafts)).toEqual([
      { key: 'name', label: '고객 이름', type: 'text' },
      { key: '금액', label: '금액', type: 'number' },
    ]);
  });

  it('numbers a new key that clashes with an existing one', () => {
    const fields = fieldsFromDraft([
      { key: '상태', label: '단계', type: 'text', options: '' },
      { key: null, label: '상태', type: 'text', options: '' },
      { key: null, label: '상태', type: 'text', options: '' },
    ]);
    expect(fields.map((f) => f.key)).toEqual(['상태', '상태_2', '상태_3']);
  });

  it('reads select options from commas or lines, trimmed and without duplicates; other types carry none', () => {
    expect(parseOptions('신규, 상담중\n계약,, 신규 ')).toEqual(['신규', '상담중', '계약']);
    const [select, text] = fieldsFromDraft([
      { key: null, label: '등급', type: 'select', options: 'A, B' },
      { key: null, label: '메모', type: 'text', options: 'ignored' },
    ]);
    expect(select).toEqual({ key: '등급', label: '등급', type: 'select', options: ['A', 'B'] });
    expect(text).not.toHaveProperty('options');
  });

  it('moves a field up or down and ignores moves past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
