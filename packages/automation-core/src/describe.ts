import type { Condition, ConditionLeaf } from './condition.ts';
import type { FieldDefinition, FieldType } from './fields.ts';
import { findField } from './fields.ts';
import { directionParticle, subjectParticle } from './korean.ts';
import { formatPhone } from './phone.ts';
import { kstDateTime, parseDate, parseNumber, scalarText } from './values.ts';

export type Locale = 'ko' | 'en';

/** Where a clause sits: joined by "and", by "or", or closing the sentence. */
type Position = 'and' | 'or' | 'end';
type Forms = Record<Position, string>;

/**
 * A condition as one sentence, as admins read rules: "점수가 50 이상이고 상태가 '신규'일 때",
 * "When score is at least 50 and status is 'New'". Nested groups are parenthesised.
 */
export function describeCondition(
  condition: Condition | null | undefined,
  fields: readonly FieldDefinition[],
  locale: Locale,
): string {
  if (condition === null || condition === undefined)
    return locale === 'ko' ? '항상 (조건 없음)' : 'Always (no condition)';
  if (locale === 'ko') return `${describeKo(condition, fields, 'end', true)} 때`;
  return `When ${describeEn(condition, fields, true)}`;
}

function children(node: Condition): { join: 'and' | 'or'; items: Condition[] } | null {
  if ('all' in node) return { join: 'and', items: node.all };
  if ('any' in node) return { join: 'or', items: node.any };
  return null;
}

function describeKo(
  node: Condition,
  fields: readonly FieldDefinition[],
  position: Position,
  top: boolean,
): string {
  const group = children(node);
  if (group === null) return koForms(node as ConditionLeaf, fields)[position];
  const last = group.items.length - 1;
  const text = group.items
    .map((child, i) => describeKo(child, fields, i < last ? group.join : position, false))
    .join(' ');
  return top ? text : `(${text})`;
}

function describeEn(node: Condition, fields: readonly FieldDefinition[], top: boolean): string {
  const group = children(node);
  if (group === null) return enClause(node as ConditionLeaf, fields);
  const text = group.items.map((child) => describeEn(child, fields, false)).join(` ${group.join} `);
  return top ? text : `(${text})`;
}

type LeafParts = { label: string; type: FieldType; value: string };

function leafParts(leaf: ConditionLeaf, fields: readonly FieldDefinition[], listJoin: string): LeafParts {
  const field = findField(fields, leaf.field);
  const type = field?.type ?? 'text';
  const values = (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).map((value) =>
    formatValue(value, type),
  );
  return { label: field?.label ?? leaf.field, type, value: values.join(listJoin) };
}

/** Numbers and dates read bare ("50 이상"); text, options and phone numbers are quoted ('신규'). */
function formatValue(value: unknown, type: FieldType): string {
  if (type === 'number') {
    const n = parseNumber(value);
    if (n.kind === 'number') return n.value.toLocaleString('en-US', { maximumFractionDigits: 20 });
  }
  if (type === 'date') {
    const d = parseDate(value);
    if (d.kind === 'date') return d.dateOnly ? d.day : kstDateTime(d.instant);
  }
  const text = scalarText(value) ?? JSON.stringify(value) ?? '';
  return `'${type === 'phone' ? formatPhone(text.trim()) : text.trim()}'`;
}

const copula = (stem: string): Forms => ({ and: `${stem}이고`, or: `${stem}이거나`, end: `${stem}일` });
const verb = (stem: string, and: string, or: string, end: string): Forms => ({
  and: `${stem}${and}`,
  or: `${stem}${or}`,
  end: `${stem}${end}`,
});

function koForms(leaf: ConditionLeaf, fields: readonly FieldDefinition[]): Forms {
  const { label, type, value } = leafParts(leaf, fields, ', ');
  const subject = `${label}${subjectParticle(label)}`;
  const isDate = type === 'date';
  switch (leaf.operator) {
    case 'eq':
      return copula(`${subject} ${value}`);
    case 'ne':
      return verb(`${subject} ${value}${subjectParticle(value)} `, '아니고', '아니거나', '아닐');
    case 'contains':
      return verb(`${label}에 ${value}${subjectParticle(value)} `, '포함되고', '포함되거나', '포함될');
    case 'not_contains':
      return verb(
        `${label}에 ${value}${subjectParticle(value)} `,
        '포함되지 않고',
        '포함되지 않거나',
        '포함되지 않을',
      );
    case 'starts_with':
      return verb(`${subject} ${value}${directionParticle(value)} `, '시작하고', '시작하거나', '시작할');
    case 'in':
      return copula(`${subject} ${value} 중 하나`);
    case 'not_in':
      return verb(`${subject} ${value} 중 어느 것도 `, '아니고', '아니거나', '아닐');
    case 'is_empty':
      return verb(`${subject} 비어 `, '있고', '있거나', '있을');
    case 'is_not_empty':
      return verb(`${subject} 비어 있지 `, '않고', '않거나', '않을');
    case 'gt':
      return isDate
        ? verb(`${subject} ${value}보다 `, '늦고', '늦거나', '늦을')
        : copula(`${subject} ${value} 초과`);
    case 'gte':
      return copula(`${subject} ${value} ${isDate ? '이후' : '이상'}`);
    case 'lt':
      return isDate
        ? verb(`${subject} ${value}보다 `, '이르고', '이르거나', '이를')
        : copula(`${subject} ${value} 미만`);
    case 'lte':
      return copula(`${subject} ${value} ${isDate ? '이전' : '이하'}`);
    case 'changed':
      return verb(`${subject} `, '바뀌었고', '바뀌었거나', '바뀌었을');
    case 'changed_to':
      return verb(`${subject} ${value}${directionParticle(value)} `, '바뀌었고', '바뀌었거나', '바뀌었을');
    case 'changed_from':
      return verb(`${subject} ${value}에서 `, '바뀌었고', '바뀌었거나', '바뀌었을');
    default:
      return copula(`${subject} ${value}`);
  }
}

function enClause(leaf: ConditionLeaf, fields: readonly FieldDefinition[]): string {
  const { label, type, value } = leafParts(leaf, fields, ', ');
  const isDate = type === 'date';
  switch (leaf.operator) {
    case 'eq':
      return `${label} is ${value}`;
    case 'ne':
      return `${label} is not ${value}`;
    case 'contains':
      return `${label} contains ${value}`;
    case 'not_contains':
      return `${label} does not contain ${value}`;
    case 'starts_with':
      return `${label} starts with ${value}`;
    case 'in':
      return `${label} is one of ${value}`;
    case 'not_in':
      return `${label} is none of ${value}`;
    case 'is_empty':
      return `${label} is empty`;
    case 'is_not_empty':
      return `${label} is not empty`;
    case 'gt':
      return `${label} is ${isDate ? 'after' : 'greater than'} ${value}`;
    case 'gte':
      return `${label} is ${isDate ? 'on or after' : 'at least'} ${value}`;
    case 'lt':
      return `${label} is ${isDate ? 'before' : 'less than'} ${value}`;
    case 'lte':
      return `${label} is ${isDate ? 'on or before' : 'at most'} ${value}`;
    case 'changed':
      return `${label} changed`;
    case 'changed_to':
      return `${label} changed to ${value}`;
    case 'changed_from':
      return `${label} changed from ${value}`;
    default:
      return `${label} is ${value}`;
  }
}
