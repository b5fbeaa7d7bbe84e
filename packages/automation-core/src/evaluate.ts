import type { Condition, ConditionLeaf, ConditionOperator } from './condition.ts';
import type { FieldDefinition, FieldType, RecordData } from './fields.ts';
import { readValue } from './fields.ts';
import {
  coerce,
  compareValues,
  describeRaw,
  isEmptyValue,
  isValued,
  scalarText,
  searchText,
} from './values.ts';

/** Why a leaf came out the way it did when the values themselves do not say it; stable for i18n. */
export const TRACE_NOTE_CODES = [
  'no_before',
  'unchanged',
  'invalid_actual',
  'invalid_expected',
  'empty_actual',
  'operator_not_supported',
  'malformed_condition',
] as const;
export type TraceNoteCode = (typeof TRACE_NOTE_CODES)[number];
export const isTraceNoteCode = (value: unknown): value is TraceNoteCode =>
  typeof value === 'string' && (TRACE_NOTE_CODES as readonly string[]).includes(value);

export type TraceNode =
  | {
      kind: 'leaf';
      field: string;
      label?: string;
      operator: ConditionOperator;
      expected: unknown;
      actual: unknown;
      before?: unknown;
      result: boolean;
      note?: string;
      noteCode?: TraceNoteCode;
    }
  | { kind: 'all' | 'any'; result: boolean; children: TraceNode[] }
  | { kind: 'none'; result: true };

export type LeafTrace = Extract<TraceNode, { kind: 'leaf' }>;

export type EvaluationContext = {
  /** The record before the change; absent on create (change operators are then false). */
  before?: RecordData | null;
  after: RecordData;
  fields: readonly FieldDefinition[];
};

export type Evaluation = { matched: boolean; trace: TraceNode };

type Outcome = { result: boolean; note?: string; noteCode?: TraceNoteCode };

const pass = (result: boolean): Outcome => ({ result });
const noteFalse = (noteCode: TraceNoteCode, note: string): Outcome => ({ result: false, note, noteCode });

/** No condition means "always"; evaluation never throws, whatever the record holds. */
export function evaluate(condition: Condition | null | undefined, ctx: EvaluationContext): Evaluation {
  if (condition === null || condition === undefined)
    return { matched: true, trace: { kind: 'none', result: true } };
  const fieldTypes = new Map<string, FieldDefinition>();
  for (const field of ctx.fields) if (!fieldTypes.has(field.key)) fieldTypes.set(field.key, field);
  const trace = evaluateNode(condition, ctx, fieldTypes);
  return { matched: trace.result, trace };
}

function evaluateNode(
  node: Condition,
  ctx: EvaluationContext,
  fields: Map<string, FieldDefinition>,
): TraceNode {
  // Stored JSON is typed as Condition but not guaranteed; a malformed node is false, never an exception.
  if (typeof node !== 'object' || node === null) return malformed();
  // Every child is evaluated (no short-circuit) so the trace can explain all of them.
  if ('all' in node && Array.isArray(node.all)) {
    const children = node.all.map((child) => evaluateNode(child, ctx, fields));
    return { kind: 'all', result: children.every((child) => child.result), children };
  }
  if ('any' in node && Array.isArray(node.any)) {
    const children = node.any.map((child) => evaluateNode(child, ctx, fields));
    return { kind: 'any', result: children.some((child) => child.result), children };
  }
  return evaluateLeaf(node as ConditionLeaf, ctx, fields);
}

function malformed(): LeafTrace {
  return {
    kind: 'leaf',
    field: '',
    operator: 'eq',
    expected: undefined,
    actual: undefined,
    result: false,
    noteCode: 'malformed_condition',
    note: 'Malformed condition',
  };
}

function evaluateLeaf(
  leaf: ConditionLeaf,
  ctx: EvaluationContext,
  fields: Map<string, FieldDefinition>,
): LeafTrace {
  if (typeof leaf.field !== 'string') return malformed();
  const definition = fields.get(leaf.field);
  // A key the partition does not define is compared as text; the validator reports it separately.
  const type: FieldType = definition?.type ?? 'text';
  const actual = readValue(ctx.after, leaf.field);
  const trace: LeafTrace = {
    kind: 'leaf',
    field: leaf.field,
    operator: leaf.operator,
    expected: leaf.value,
    actual,
    result: false,
  };
  if (definition) trace.label = definition.label;

  let outcome: Outcome;
  switch (leaf.operator) {
    case 'is_empty':
      outcome = pass(isEmptyValue(actual));
      break;
    case 'is_not_empty':
      outcome = pass(!isEmptyValue(actual));
      break;
    case 'changed':
    case 'changed_to':
    case 'changed_from': {
      if (ctx.before === null || ctx.before === undefined) {
        outcome = noteFalse('no_before', 'No previous value to compare with (for example on create)');
        break;
      }
      const before = readValue(ctx.before, leaf.field);
      trace.before = before;
      if (sameValue(before, actual, type)) outcome = noteFalse('unchanged', 'The value did not change');
      else if (leaf.operator === 'changed') outcome = pass(true);
      else outcome = equals(leaf.operator === 'changed_to' ? actual : before, leaf.value, type, false);
      break;
    }
    case 'eq':
      outcome = equals(actual, leaf.value, type, false);
      break;
    case 'ne':
      outcome = equals(actual, leaf.value, type, true);
      break;
    case 'in':
    case 'not_in':
      outcome = membership(actual, leaf.value, type, leaf.operator === 'not_in');
      break;
    case 'contains':
    case 'not_contains':
    case 'starts_with':
      outcome = textSearch(actual, leaf.value, type, leaf.operator);
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      outcome = order(actual, leaf.value, type, leaf.operator);
      break;
    default:
      outcome = noteFalse('malformed_condition', `Unknown operator ${describeRaw(leaf.operator)}`);
  }
  trace.result = outcome.result;
  if (outcome.note !== undefined) trace.note = outcome.note;
  if (outcome.noteCode !== undefined) trace.noteCode = outcome.noteCode;
  return trace;
}

/**
 * Typed equality; `negate` gives ne. Empty equals empty (a legacy {field, value: ''} means "is empty").
 * A value that cannot be read as the field's type makes the leaf false either way — "unknown" is not "different".
 */
function equals(actual: unknown, expected: unknown, type: FieldType, negate: boolean): Outcome {
  const e = coerce(expected, type);
  if (e.kind === 'invalid') return noteFalse('invalid_expected', `Condition value: ${e.reason}`);
  let same: boolean;
  if (e.kind === 'empty') {
    // Comparing with "nothing" only asks whether there is a value, so an unreadable one still counts as one.
    same = isEmptyValue(actual);
  } else {
    const a = coerce(actual, type);
    if (a.kind === 'invalid') return noteFalse('invalid_actual', `Record value: ${a.reason}`);
    same = isValued(a) && compareValues(a, e) === 0;
  }
  return pass(negate ? !same : same);
}

function membership(actual: unknown, expected: unknown, type: FieldType, negate: boolean): Outcome {
  const a = coerce(actual, type);
  if (a.kind === 'invalid') return noteFalse('invalid_actual', `Record value: ${a.reason}`);
  const items = (Array.isArray(expected) ? expected : [expected]).map((item) => coerce(item, type));
  const usable = items.filter((item) => item.kind !== 'invalid');
  if (usable.length === 0) return noteFalse('invalid_expected', 'Condition list has no usable value');
  const found = usable.some((item) =>
    isValued(a) && isValued(item) ? compareValues(a, item) === 0 : a.kind === item.kind,
  );
  return pass(negate ? !found : found);
}

function textSearch(
  actual: unknown,
  expected: unknown,
  type: FieldType,
  operator: 'contains' | 'not_contains' | 'starts_with',
): Outcome {
  if (type !== 'text' && type !== 'phone') {
    return noteFalse('operator_not_supported', `"${operator}" does not apply to ${type} fields`);
  }
  const needle = isEmptyValue(expected) ? null : searchText(expected, type);
  if (needle === null || needle === '') {
    return noteFalse('invalid_expected', `"${operator}" needs a non-empty text value`);
  }
  const haystack = searchText(actual, type);
  if (haystack === null) return noteFalse('invalid_actual', 'Record value is not text');
  if (operator === 'starts_with') return pass(haystack.startsWith(needle));
  const found = haystack.includes(needle);
  return pass(operator === 'contains' ? found : !found);
}

function order(
  actual: unknown,
  expected: unknown,
  type: FieldType,
  operator: 'gt' | 'gte' | 'lt' | 'lte',
): Outcome {
  if (type !== 'number' && type !== 'date') {
    return noteFalse('operator_not_supported', `"${operator}" applies only to number and date fields`);
  }
  const e = coerce(expected, type);
  if (!isValued(e)) {
    return noteFalse(
      'invalid_expected',
      e.kind === 'invalid' ? `Condition value: ${e.reason}` : 'Condition value is empty',
    );
  }
  const a = coerce(actual, type);
  if (a.kind === 'empty') return noteFalse('empty_actual', 'The record has no value');
  if (!isValued(a)) return noteFalse('invalid_actual', `Record value: ${a.reason}`);
  const sign = compareValues(a, e);
  const result = { gt: sign > 0, gte: sign >= 0, lt: sign < 0, lte: sign <= 0 }[operator];
  return pass(result);
}

/** Same under the field's comparison rules; values that cannot be typed fall back to their raw text. */
function sameValue(before: unknown, after: unknown, type: FieldType): boolean {
  const b = coerce(before, type);
  const a = coerce(after, type);
  if (isValued(a) && isValued(b)) return compareValues(a, b) === 0;
  if (a.kind === 'empty' || b.kind === 'empty') return a.kind === b.kind;
  return rawKey(before) === rawKey(after);
}

function rawKey(value: unknown): string {
  const text = scalarText(value);
  if (text !== null) return `s:${text}`;
  try {
    return `j:${JSON.stringify(value)}`;
  } catch {
    return 'x';
  }
}
