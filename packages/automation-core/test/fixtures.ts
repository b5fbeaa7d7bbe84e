import type { Condition, ConditionOperator, FieldDefinition, RecordData, TraceNode } from '../src/index.ts';
import { evaluate } from '../src/index.ts';

export const fields: FieldDefinition[] = [
  { key: 'name', label: '이름', type: 'text' },
  { key: 'memo', label: '메모', type: 'text' },
  { key: 'score', label: '점수', type: 'number' },
  { key: 'due', label: '계약일', type: 'date' },
  { key: 'status', label: '상태', type: 'select', options: ['신규', '상담중', '계약', 'VIP'] },
  { key: 'phone', label: '전화번호', type: 'phone' },
];

export const leaf = (field: string, operator: ConditionOperator, value?: unknown): Condition =>
  value === undefined ? { field, operator } : { field, operator, value };

export function run(condition: Condition | null, after: RecordData, before?: RecordData | null) {
  return evaluate(condition, { after, before, fields });
}

export function leafTrace(trace: TraceNode): Extract<TraceNode, { kind: 'leaf' }> {
  if (trace.kind !== 'leaf') throw new Error(`expected a leaf trace, got ${trace.kind}`);
  return trace;
}
