import { z } from 'zod';
import type { Locale } from './describe.ts';
import type { FieldDefinition, FieldType } from './fields.ts';
import { FIELD_TYPE_KO, findField } from './fields.ts';
import { subjectParticle } from './korean.ts';
import { coerce, describeRaw, foldText, isEmptyValue } from './values.ts';

export const CONDITION_OPERATORS = [
  'eq',
  'ne',
  'contains',
  'not_contains',
  'starts_with',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
  'gt',
  'gte',
  'lt',
  'lte',
  'changed',
  'changed_to',
  'changed_from',
] as const;

export const conditionOperatorSchema = z.enum(CONDITION_OPERATORS, {
  error: (issue) =>
    `Unknown operator ${describeRaw(issue.input)}; expected one of ${CONDITION_OPERATORS.join(', ')}`,
});
export type ConditionOperator = z.infer<typeof conditionOperatorSchema>;

export type ConditionLeaf = { field: string; operator: ConditionOperator; value?: unknown };
export type ConditionGroup = { all: Condition[] } | { any: Condition[] };
export type Condition = ConditionLeaf | ConditionGroup;

export const VALUELESS_OPERATORS: readonly ConditionOperator[] = ['is_empty', 'is_not_empty', 'changed'];
export const LIST_OPERATORS: readonly ConditionOperator[] = ['in', 'not_in'];
export const TEXT_SEARCH_OPERATORS: readonly ConditionOperator[] = [
  'contains',
  'not_contains',
  'starts_with',
];
export const ORDER_OPERATORS: readonly ConditionOperator[] = ['gt', 'gte', 'lt', 'lte'];
/** Operators that look at `before`; they can only hold on an update. */
export const CHANGE_OPERATORS: readonly ConditionOperator[] = ['changed', 'changed_to', 'changed_from'];

const COMMON_OPERATORS: readonly ConditionOperator[] = [
  'eq',
  'ne',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
  'changed',
  'changed_to',
  'changed_from',
];

/** Operators that make sense per field type — the SPA's operator menu and the validator share this. */
export const OPERATORS_BY_FIELD_TYPE: Readonly<Record<FieldType, readonly ConditionOperator[]>> = {
  text: [...COMMON_OPERATORS, ...TEXT_SEARCH_OPERATORS],
  phone: [...COMMON_OPERATORS, ...TEXT_SEARCH_OPERATORS],
  select: COMMON_OPERATORS,
  number: [...COMMON_OPERATORS, ...ORDER_OPERATORS],
  date: [...COMMON_OPERATORS, ...ORDER_OPERATORS],
};

export function operatorsForFieldType(type: FieldType): readonly ConditionOperator[] {
  return OPERATORS_BY_FIELD_TYPE[type];
}

export function isGroup(condition: Condition): condition is ConditionGroup {
  return 'all' in condition || 'any' in condition;
}

/** Nesting cap: deep enough for "A and (B or (C and D))", shallow enough to read as a sentence. */
export const MAX_CONDITION_DEPTH = 4;
export const MAX_GROUP_SIZE = 50;

type Issue = { path: PropertyKey[]; message: string };

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
const isScalar = (value: unknown): boolean => scalarSchema.safeParse(value).success;

const leafInputSchema = z.object({
  field: z
    .string({ error: (issue) => (issue.input === undefined ? 'Field is required' : 'Field must be text') })
    .min(1, 'Field is required'),
  // The plan's stored rules are {field, value} — an absent operator means eq.
  operator: conditionOperatorSchema.optional(),
  value: z.unknown().optional(),
});

function parseLeaf(input: unknown, path: PropertyKey[], issues: Issue[]): ConditionLeaf | undefined {
  const parsed = leafInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({ path: [...path, ...issue.path], message: issue.message });
    return undefined;
  }
  const { field, value } = parsed.data;
  const operator = parsed.data.operator ?? 'eq';
  const valuePath = [...path, 'value'];
  const before = issues.length;

  if (VALUELESS_OPERATORS.includes(operator)) {
    // Forms often keep an empty value around when the operator changes; only a real value is a mistake.
    if (value !== undefined && value !== null && value !== '') {
      issues.push({ path: valuePath, message: `Operator "${operator}" takes no value` });
    }
    return issues.length === before ? { field, operator } : undefined;
  }

  if (LIST_OPERATORS.includes(operator)) {
    if (!Array.isArray(value) || value.length === 0) {
      issues.push({ path: valuePath, message: `Operator "${operator}" needs a non-empty list of values` });
    } else {
      value.forEach((item, i) => {
        if (!isScalar(item))
          issues.push({ path: [...valuePath, i], message: 'List items must be text, numbers or true/false' });
      });
    }
  } else if (value === undefined || value === null) {
    issues.push({ path: valuePath, message: `Operator "${operator}" needs a value` });
  } else if (!isScalar(value)) {
    issues.push({ path: valuePath, message: 'Value must be text, a number or true/false' });
  } else if (
    (TEXT_SEARCH_OPERATORS.includes(operator) || ORDER_OPERATORS.includes(operator)) &&
    isEmptyValue(value)
  ) {
    issues.push({ path: valuePath, message: `Operator "${operator}" needs a non-empty value` });
  }
  return issues.length === before ? { field, operator, value } : undefined;
}

function parseNode(
  input: unknown,
  path: PropertyKey[],
  depth: number,
  issues: Issue[],
): Condition | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({
      path,
      message: 'A condition must be a rule {field, operator, value} or a group {all: [...]} / {any: [...]}',
    });
    return undefined;
  }
  const keys = (['all', 'any', 'field'] as const).filter((key) => key in input);
  if (keys.length > 1) {
    issues.push({ path, message: `A condition cannot have both ${keys.map((k) => `"${k}"`).join(' and ')}` });
    return undefined;
  }
  const groupKey = keys[0] === 'all' || keys[0] === 'any' ? keys[0] : undefined;
  if (groupKey === undefined) return parseLeaf(input, path, issues);

  const children: unknown = (input as Record<string, unknown>)[groupKey];
  const childPath = [...path, groupKey];
  if (depth >= MAX_CONDITION_DEPTH) {
    issues.push({
      path: childPath,
      message: `Condition groups can be nested at most ${MAX_CONDITION_DEPTH} levels deep`,
    });
    return undefined;
  }
  if (!Array.isArray(children) || children.length === 0) {
    issues.push({ path: childPath, message: `"${groupKey}" needs a non-empty list of conditions` });
    return undefined;
  }
  if (children.length > MAX_GROUP_SIZE) {
    issues.push({ path: childPath, message: `A group can hold at most ${MAX_GROUP_SIZE} conditions` });
    return undefined;
  }
  const before = issues.length;
  const parsed = children.map((child, i) => parseNode(child, [...childPath, i], depth + 1, issues));
  if (issues.length !== before) return undefined;
  const group = parsed as Condition[];
  return groupKey === 'all' ? { all: group } : { any: group };
}

/**
 * Accepts the plan's legacy shapes ({field, value} → eq; {field, operator: eq|ne|contains, value}) and the full
 * model, and outputs the normalised Condition. Parsing its own output gives the same output.
 */
export const conditionSchema = z.unknown().transform((input, ctx): Condition => {
  const issues: Issue[] = [];
  const condition = parseNode(input, [], 0, issues);
  if (condition === undefined) {
    for (const issue of issues)
      ctx.addIssue({ code: 'custom', input, path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return condition;
});

/**
 * A link's trigger condition: absent, null and the empty object {} (what "no condition" looked like in stored
 * rules) all mean "no condition" → null.
 */
export const optionalConditionSchema = z.unknown().transform((input, ctx): Condition | null => {
  const empty =
    input === undefined ||
    input === null ||
    (typeof input === 'object' && !Array.isArray(input) && Object.keys(input).length === 0);
  if (empty) return null;
  const parsed = conditionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', input, path: issue.path, message: issue.message });
  return z.NEVER;
});

/** Throws ZodError on bad input. */
export function normalizeCondition(input: unknown): Condition {
  return conditionSchema.parse(input);
}

export type ConditionProblemCode =
  | 'unknown_field'
  | 'operator_not_supported'
  | 'invalid_value'
  | 'unknown_option'
  | 'change_operator_not_allowed';

export type ConditionProblem = {
  code: ConditionProblemCode;
  /** Path of the leaf inside the condition, e.g. ['all', 1]. */
  path: PropertyKey[];
  field: string;
  message: string;
};

export type ConditionCheckOptions = {
  /**
   * false where no `before` exists — on_create triggers and repeat stop conditions — so changed / changed_to /
   * changed_from could never hold there.
   */
  allowChangeOperators?: boolean;
  /** The language of each problem's `message` (English by default, the language of the API's reference). */
  locale?: Locale;
};

/** An operator as the rule builder names it, for Korean problem messages. */
const OPERATOR_KO: Record<ConditionOperator, string> = {
  eq: '같음',
  ne: '같지 않음',
  contains: '포함함',
  not_contains: '포함하지 않음',
  starts_with: '~(으)로 시작함',
  in: '다음 중 하나',
  not_in: '다음 중 어느 것도 아님',
  is_empty: '비어 있음',
  is_not_empty: '비어 있지 않음',
  gt: '초과',
  gte: '이상',
  lt: '미만',
  lte: '이하',
  changed: '바뀜',
  changed_to: '~(으)로 바뀜',
  changed_from: '~에서 바뀜',
};

/** Structured problems (codes for the SPA to translate); validateConditionAgainstFields gives the messages. */
export function conditionProblems(
  condition: Condition,
  fields: readonly FieldDefinition[],
  options: ConditionCheckOptions = {},
): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const visit = (node: Condition, path: PropertyKey[]): void => {
    if ('all' in node) return node.all.forEach((child, i) => visit(child, [...path, 'all', i]));
    if ('any' in node) return node.any.forEach((child, i) => visit(child, [...path, 'any', i]));
    checkLeaf(node, path, fields, options, problems);
  };
  visit(condition, []);
  return problems;
}

function checkLeaf(
  leaf: ConditionLeaf,
  path: PropertyKey[],
  fields: readonly FieldDefinition[],
  options: ConditionCheckOptions,
  problems: ConditionProblem[],
): void {
  const ko = options.locale === 'ko';
  const add = (code: ConditionProblemCode, en: string, koText: string) =>
    problems.push({ code, path, field: leaf.field, message: ko ? koText : en });
  if (options.allowChangeOperators === false && CHANGE_OPERATORS.includes(leaf.operator)) {
    add(
      'change_operator_not_allowed',
      `Operator "${leaf.operator}" needs a previous value and can never hold here`,
      `'${OPERATOR_KO[leaf.operator]}' 비교는 이전 값이 있어야 해서 여기서는 맞을 수 없습니다 ('레코드가 수정될 때' 규칙의 조건에서만 쓸 수 있습니다)`,
    );
  }
  const field = findField(fields, leaf.field);
  if (!field) {
    add('unknown_field', `Unknown field "${leaf.field}"`, `"${leaf.field}" 필드는 이 파티션에 없습니다`);
    return;
  }
  if (!OPERATORS_BY_FIELD_TYPE[field.type].includes(leaf.operator)) {
    add(
      'operator_not_supported',
      `Operator "${leaf.operator}" cannot be used with ${field.type} field "${field.label}"`,
      `'${OPERATOR_KO[leaf.operator]}' 비교는 ${FIELD_TYPE_KO[field.type]} 필드 "${field.label}"에 쓸 수 없습니다`,
    );
    return;
  }
  if (VALUELESS_OPERATORS.includes(leaf.operator) || TEXT_SEARCH_OPERATORS.includes(leaf.operator)) return;
  const values: unknown[] = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  for (const value of values) {
    const typed = coerce(value, field.type);
    const raw = describeRaw(value);
    if (typed.kind === 'invalid') {
      add(
        'invalid_value',
        `${raw} is not a valid ${field.type} for field "${field.label}"`,
        `${raw}${subjectParticle(raw)} "${field.label}" 필드에 맞는 ${FIELD_TYPE_KO[field.type]} 값이 아닙니다`,
      );
    } else if (typed.kind === 'text' && field.type === 'select') {
      const known = (field.options ?? []).some((option) => foldText(option) === typed.value);
      if (!known) {
        add(
          'unknown_option',
          `${raw} is not an option of field "${field.label}"`,
          `${raw}${subjectParticle(raw)} "${field.label}" 필드의 선택지에 없습니다`,
        );
      }
    }
  }
}

/** Human-readable problems of a condition against the partition's fields; [] when fine. */
export function validateConditionAgainstFields(
  condition: Condition,
  fields: readonly FieldDefinition[],
  options: ConditionCheckOptions = {},
): string[] {
  return conditionProblems(condition, fields, options).map((problem) => problem.message);
}
