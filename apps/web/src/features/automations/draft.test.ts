import type { FieldDefinition } from '@alimflow/automation-core';
import { describe, expect, it } from 'vitest';
import type { Link } from './api-types';
import {
  autoMapVariables,
  canNestGroup,
  conditionToEditor,
  defaultRecipientField,
  editorIssues,
  editorToCondition,
  emptyGroup,
  emptyLeaf,
  availableOperators,
  focusAfterRemoving,
  leafIssues,
  linkToValues,
  newRuleValues,
  previewDraft,
  removeNode,
  updateNode,
  valuesToInput,
  type EditorGroup,
  type EditorLeaf,
  type RuleFormValues,
} from './draft';
import { ruleFormSchema } from './form-schema';

const FIELDS: FieldDefinition[] = [
  { key: '이름', label: '이름', type: 'text' },
  { key: '전화번호', label: '전화번호', type: 'phone' },
  { key: '상태', label: '상태', type: 'select', options: ['신규', '상담중', '응답완료'] },
  { key: 'score', label: '점수', type: 'number' },
  { key: 'visit', label: '방문일', type: 'date' },
];

const leaf = (field: string, operator: EditorLeaf['operator'], value = '', values: string[] = []): EditorLeaf => ({
  ...emptyLeaf(),
  field,
  operator,
  value,
  values,
});
const group = (join: 'all' | 'any', ...children: EditorGroup['children']): EditorGroup => emptyGroup(join, children);

const PARTITION = { id: 'p1', fields: FIELDS, phoneField: '전화번호' } as const;

function values(overrides: Partial<RuleFormValues> = {}): RuleFormValues {
  return {
    ...newRuleValues({ ...PARTITION, name: '리드', archivedAt: null, recordCount: 0, linkCount: 0, createdAt: '', updatedAt: '' }),
    name: ' 신규 리드 환영 ',
    templateId: 't1',
    mappings: [
      { variable: '이름', field: '이름' },
      { variable: '전화번호', field: '전화번호' },
    ],
    condition: group('all', leaf('상태', 'eq', '신규')),
    ...overrides,
  };
}

describe('editor tree ↔ condition', () => {
  it('a lone leaf loses its group; numbers and lists get their types', () => {
    expect(editorToCondition(group('all', leaf('상태', 'eq', '신규')), FIELDS)).toEqual({ field: '상태', operator: 'eq', value: '신규' });
    expect(editorToCondition(group('all', leaf('score', 'gte', ' 50 ')), FIELDS)).toEqual({ field: 'score', operator: 'gte', value: 50 });
    expect(editorToCondition(group('all', leaf('이름', 'in', '김, 이 ,, 박')), FIELDS)).toEqual({ field: '이름', operator: 'in', value: ['김', '이', '박'] });
    expect(editorToCondition(group('all', leaf('상태', 'not_in', '', ['신규', '상담중'])), FIELDS)).toEqual({
      field: '상태',
      operator: 'not_in',
      value: ['신규', '상담중'],
    });
    expect(editorToCondition(group('all', leaf('이름', 'is_empty', 'left over')), FIELDS)).toEqual({ field: '이름', operator: 'is_empty' });
  });

  it('no leaves is no condition; nested groups keep their join', () => {
    expect(editorToCondition(emptyGroup('all'), FIELDS)).toBeNull();
    const tree = group('all', leaf('score', 'gte', '50'), group('any', leaf('상태', 'eq', '신규'), leaf('이름', 'is_empty')));
    expect(editorToCondition(tree, FIELDS)).toEqual({
      all: [
        { field: 'score', operator: 'gte', value: 50 },
        { any: [{ field: '상태', operator: 'eq', value: '신규' }, { field: '이름', operator: 'is_empty' }] },
      ],
    });
  });

  it('skipIncomplete leaves out leaves still being typed (for the live sentence)', () => {
    const tree = group('all', leaf('상태', 'eq', '신규'), leaf('이름', 'eq', ''), group('any', leaf('', '')));
    expect(editorToCondition(tree, FIELDS, { skipIncomplete: true })).toEqual({ field: '상태', operator: 'eq', value: '신규' });
  });

  it('reads stored conditions back, including the plan’s legacy {field, value}', () => {
    const stored = { all: [{ field: 'score', operator: 'gte', value: 50 }, { any: [{ field: '상태', value: '신규' }] }] };
    const editor = conditionToEditor(stored);
    expect(editor.join).toBe('all');
    expect(editorToCondition(editor, FIELDS)).toEqual({
      all: [{ field: 'score', operator: 'gte', value: 50 }, { any: [{ field: '상태', operator: 'eq', value: '신규' }] }],
    });
    const lone = conditionToEditor({ field: '상태', operator: 'in', value: ['신규', '상담중'] });
    expect(lone.children).toHaveLength(1);
    expect(lone.children[0]).toMatchObject({ kind: 'leaf', values: ['신규', '상담중'], value: '신규, 상담중' });
    expect(conditionToEditor(null).children).toEqual([]);
    expect(conditionToEditor({}).children).toEqual([]);
    expect(conditionToEditor('garbage').children).toEqual([]);
  });
});

describe('tree edits', () => {
  it('update and remove by id; a nested group left empty goes too', () => {
    const inner = leaf('이름', 'is_empty');
    const nested = group('any', inner);
    const first = leaf('상태', 'eq', '신규');
    const root = group('all', first, nested);
    const updated = updateNode(root, first.id, (n) => ({ ...(n as EditorLeaf), value: '상담중' }));
    expect((updated.children[0] as EditorLeaf).value).toBe('상담중');
    expect((root.children[0] as EditorLeaf).value).toBe('신규');
    expect(removeNode(root, inner.id).children.map((c) => c.id)).toEqual([first.id]);
    expect(removeNode(root, first.id).children.map((c) => c.id)).toEqual([nested.id]);
  });

  it('focus moves to the neighbouring leaf after a removal', () => {
    const a = leaf('상태', 'eq', '신규');
    const b = leaf('이름', 'is_empty');
    const c = leaf('score', 'gt', '1');
    const nested = group('any', b, c);
    const root = group('all', a, nested);
    expect(focusAfterRemoving(root, a.id)).toBe(b.id);
    expect(focusAfterRemoving(root, b.id)).toBe(a.id);
    expect(focusAfterRemoving(root, nested.id)).toBe(a.id);
    expect(focusAfterRemoving(group('all', a), a.id)).toBeNull();
    expect(focusAfterRemoving(root, 'missing')).toBeNull();
  });

  it('nesting stops at automation-core’s depth limit', () => {
    expect(canNestGroup(0)).toBe(true);
    expect(canNestGroup(2)).toBe(true);
    expect(canNestGroup(3)).toBe(false);
  });

  it('change operators only where a previous value exists', () => {
    expect(availableOperators('select', true)).toContain('changed_to');
    expect(availableOperators('select', false)).not.toContain('changed_to');
    expect(availableOperators('select', false)).not.toContain('contains');
    expect(availableOperators('number', false)).toContain('gte');
  });
});

describe('problems per leaf', () => {
  it('asks for what is missing, then applies automation-core’s checks', () => {
    const opts = { allowChangeOperators: false };
    expect(leafIssues(leaf('', ''), FIELDS, opts)).toEqual(['field_required']);
    expect(leafIssues(leaf('상태', ''), FIELDS, opts)).toEqual(['operator_required']);
    expect(leafIssues(leaf('상태', 'eq', ' '), FIELDS, opts)).toEqual(['value_required']);
    expect(leafIssues(leaf('상태', 'in'), FIELDS, opts)).toEqual(['list_required']);
    expect(leafIssues(leaf('상태', 'eq', '없는값'), FIELDS, opts)).toEqual(['unknown_option']);
    expect(leafIssues(leaf('score', 'gte', 'abc'), FIELDS, opts)).toEqual(['invalid_value']);
    expect(leafIssues(leaf('visit', 'lt', '2026-13-45'), FIELDS, opts)).toEqual(['invalid_value']);
    expect(leafIssues(leaf('상태', 'changed'), FIELDS, opts)).toEqual(['change_operator_not_allowed']);
    expect(leafIssues(leaf('상태', 'changed'), FIELDS, { allowChangeOperators: true })).toEqual([]);
    expect(leafIssues(leaf('gone', 'eq', 'x'), FIELDS, opts)).toEqual(['unknown_field']);
    expect(leafIssues(leaf('visit', 'gte', '2026-03-01'), FIELDS, opts)).toEqual([]);
  });

  it('collects them by leaf id', () => {
    const bad = leaf('score', 'gt', '');
    const tree = group('all', leaf('상태', 'eq', '신규'), group('any', bad));
    expect([...editorIssues(tree, FIELDS, { allowChangeOperators: false })]).toEqual([[bad.id, ['value_required']]]);
  });
});

describe('target defaults', () => {
  it('recipient: the partition’s phone field, else its first phone field', () => {
    expect(defaultRecipientField(PARTITION)).toBe('전화번호');
    expect(defaultRecipientField({ fields: [...FIELDS, { key: 'mobile', label: '휴대폰', type: 'phone' }], phoneField: 'mobile' })).toBe('mobile');
    expect(defaultRecipientField({ fields: FIELDS, phoneField: null })).toBe('전화번호');
    expect(defaultRecipientField({ fields: FIELDS.filter((f) => f.type !== 'phone'), phoneField: null })).toBe('');
    expect(defaultRecipientField(undefined)).toBe('');
  });

  it('variables map to fields of the same key or label; kept mappings win', () => {
    const fields: FieldDefinition[] = [...FIELDS, { key: 'customer_name', label: '고객 이름', type: 'text' }];
    expect(autoMapVariables(['이름', '고객이름', 'SCORE', '주소'], fields)).toEqual([
      { variable: '이름', field: '이름' },
      { variable: '고객이름', field: 'customer_name' },
      { variable: 'SCORE', field: 'score' },
      { variable: '주소', field: '' },
    ]);
    expect(autoMapVariables(['이름'], fields, [{ variable: '이름', field: 'customer_name' }])).toEqual([{ variable: '이름', field: 'customer_name' }]);
    // A kept mapping to a field the partition no longer has is replaced.
    expect(autoMapVariables(['이름'], fields, [{ variable: '이름', field: 'gone' }])).toEqual([{ variable: '이름', field: '이름' }]);
  });
});

describe('form values → API input', () => {
  it('on_create with a condition, no repeat', () => {
    expect(valuesToInput(values(), FIELDS)).toEqual({
      name: '신규 리드 환영',
      partitionId: 'p1',
      templateId: 't1',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      fireOn: 'became_true',
      repeatConfig: null,
      cooldownHours: 1,
      isActive: true,
      fallback: { type: 'off' },
      // Inheriting the org's window is stored as no setting.
      sendWindow: null,
    });
  });

  it('a rule of its own window sends it; "always" too', () => {
    const window = { days: ['mon' as const], start: '10:00', end: '18:00', skipHolidays: false };
    expect(valuesToInput(values({ sendWindow: { mode: 'custom', window } }), FIELDS).sendWindow).toEqual({ mode: 'custom', window });
    expect(valuesToInput(values({ sendWindow: { mode: 'always' } }), FIELDS).sendWindow).toEqual({ mode: 'always' });
  });

  it('repeat with its stop condition; fireOn only for updates', () => {
    const input = valuesToInput(
      values({
        triggerType: 'on_update',
        fireOn: 'every_matching_update',
        repeatEnabled: true,
        intervalHours: 24,
        maxRepeat: 3,
        stopCondition: group('all', leaf('상태', 'eq', '응답완료')),
        cooldownHours: 0,
      }),
      FIELDS,
    );
    expect(input.fireOn).toBe('every_matching_update');
    expect(input.repeatConfig).toEqual({ intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } });
    expect(input.cooldownHours).toBe(0);
    expect(valuesToInput(values({ fireOn: 'every_matching_update' }), FIELDS).fireOn).toBe('became_true');
  });

  it('manual rules send no condition and cannot repeat', () => {
    const input = valuesToInput(values({ triggerType: 'manual', repeatEnabled: true, stopCondition: group('all', leaf('상태', 'eq', '응답완료')) }), FIELDS);
    expect(input.triggerCondition).toBeNull();
    expect(input.repeatConfig).toBeNull();
  });

  it('unmapped variables are left out', () => {
    const input = valuesToInput(values({ mappings: [{ variable: '이름', field: '' }] }), FIELDS);
    expect(input.variableMappings).toEqual({});
  });

  it('a saved link reads back into the same input', () => {
    const saved = valuesToInput(
      values({ triggerType: 'on_update', repeatEnabled: true, intervalHours: 12, maxRepeat: 5, stopCondition: group('all', leaf('상태', 'eq', '응답완료')) }),
      FIELDS,
    );
    const link = { ...saved, id: 'l1', partitionId: 'p1', templateId: 't1', triggerCondition: saved.triggerCondition, cooldownHours: 1, isActive: true } as unknown as Link;
    const back = linkToValues(link, ['이름', '전화번호'], FIELDS);
    expect(valuesToInput(back, FIELDS)).toEqual(saved);
  });
});

describe('preview draft', () => {
  it('waits for a template and partition, then for a finished condition', () => {
    expect(previewDraft(values({ templateId: '' }), FIELDS)).toEqual({ input: null, waitingFor: 'target' });
    expect(previewDraft(values({ condition: group('all', leaf('상태', 'eq', '')) }), FIELDS)).toEqual({ input: null, waitingFor: 'condition' });
    // A manual rule's half-typed condition does not matter.
    expect(previewDraft(values({ triggerType: 'manual', condition: group('all', leaf('상태', 'eq', '')) }), FIELDS).input).toMatchObject({
      triggerType: 'manual',
      triggerCondition: null,
    });
  });

  it('sends only the finished parts', () => {
    const { input } = previewDraft(values({ cooldownHours: Number.NaN, repeatEnabled: true, maxRepeat: 99, stopCondition: group('all', leaf('상태', 'eq', '응답완료')) }), FIELDS);
    expect(input).toEqual({
      partitionId: 'p1',
      templateId: 't1',
      name: '신규 리드 환영',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      fireOn: 'became_true',
      repeatConfig: null,
    });
  });
});

describe('form schema', () => {
  const CONTENT = '#{이름}님, 연락처: #{전화번호}';
  const check = (v: RuleFormValues) => {
    const result = ruleFormSchema({ fields: FIELDS, templateContent: CONTENT }).safeParse(v);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('accepts a complete rule', () => {
    expect(check(values())).toEqual({});
  });

  it('says what is missing with i18n keys', () => {
    expect(check(values({ name: ' ', templateId: '', recipientField: '', cooldownHours: Number.NaN }))).toEqual({
      name: 'builder.errors.nameRequired',
      templateId: 'builder.errors.templateRequired',
      recipientField: 'builder.errors.recipientRequired',
      cooldownHours: 'builder.errors.cooldownInvalid',
    });
    // The server's rule (automation-core isRecipientField): a phone or text field; a select cannot hold a number.
    expect(check(values({ recipientField: '상태' }))).toEqual({ recipientField: 'builder.errors.recipientRequired' });
    expect(check(values({ mappings: [{ variable: '이름', field: '이름' }, { variable: '전화번호', field: '' }] }))).toEqual({
      'mappings.1.field': 'builder.errors.mappingRequired',
    });
    expect(check(values({ condition: group('all', leaf('상태', 'changed')) }))).toEqual({ condition: 'builder.errors.conditionInvalid' });
    expect(check(values({ triggerType: 'on_update', condition: group('all', leaf('상태', 'changed')) }))).toEqual({});
  });

  it('checks repeats only when they are on', () => {
    expect(check(values({ repeatEnabled: false, intervalHours: Number.NaN, maxRepeat: 0 }))).toEqual({});
    expect(check(values({ repeatEnabled: true, intervalHours: 0, maxRepeat: 11 }))).toEqual({
      intervalHours: 'builder.errors.intervalInvalid',
      maxRepeat: 'builder.errors.maxRepeatInvalid',
      stopCondition: 'builder.errors.stopConditionRequired',
    });
    expect(check(values({ repeatEnabled: true, stopCondition: group('all', leaf('상태', 'changed_to', '응답완료')) }))).toEqual({
      stopCondition: 'builder.errors.stopConditionInvalid',
    });
    expect(check(values({ repeatEnabled: true, stopCondition: group('all', leaf('상태', 'eq', '응답완료')) }))).toEqual({});
  });
});
