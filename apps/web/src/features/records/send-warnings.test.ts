import { NHN_MAX_VALUE_LENGTH } from '@alimflow/automation-core';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from './record-form';
import { sendWarnings, type WarningRule } from './send-warnings';

const fields: FieldDef[] = [
  { key: '이름', label: '이름', type: 'text' },
  { key: '전화번호', label: '전화번호', type: 'phone' },
  { key: '메모', label: '메모', type: 'text' },
];
const rule: WarningRule = {
  id: 'r1',
  name: '환영',
  recipientField: '전화번호',
  variableMappings: { 고객명: '이름' },
  template: { variables: ['고객명'] },
};
const values = (name: string, phone: string, memo = '') => ({ f0: name, f1: phone, f2: memo });

describe('sendWarnings', () => {
  it('says nothing for values NHN accepts, at the limit exactly', () => {
    expect(sendWarnings([rule], fields, values('가'.repeat(NHN_MAX_VALUE_LENGTH), '010-1234-5678'))).toEqual([]);
  });

  it('warns about a mapped value one character over the limit, naming the rule and the sizes', () => {
    expect(sendWarnings([rule], fields, values('가'.repeat(NHN_MAX_VALUE_LENGTH + 1), '010-1234-5678'))).toEqual([
      { kind: 'too_long', field: '이름', fieldLabel: '이름', ruleName: '환영', variable: '고객명', length: NHN_MAX_VALUE_LENGTH + 1, limit: NHN_MAX_VALUE_LENGTH },
    ]);
  });

  it('ignores long values no active rule puts into a message', () => {
    expect(sendWarnings([rule], fields, values('김', '010-1234-5678', 'x'.repeat(5_000)))).toEqual([]);
  });

  it('warns about a landline in the recipient field, and not about an empty one', () => {
    expect(sendWarnings([rule], fields, values('김', '02-123-4567'))).toEqual([
      { kind: 'not_mobile', field: '전화번호', fieldLabel: '전화번호', ruleName: '환영' },
    ]);
    expect(sendWarnings([rule], fields, values('김', ''))).toEqual([]);
  });

  it('says nothing when no rule is active', () => {
    expect(sendWarnings([], fields, values('가'.repeat(2_000), '02-123-4567'))).toEqual([]);
  });
});
