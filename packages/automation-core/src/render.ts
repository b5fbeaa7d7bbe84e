import type { Locale } from './describe.ts';
import type { FieldDefinition, FieldType, RecordData } from './fields.ts';
import { findField, readValue } from './fields.ts';
import { formatPhone, normalizePhone } from './phone.ts';
import { describeRaw, isEmptyValue, parseDate, scalarText } from './values.ts';

/** NHN limits (-2019 message too long, -3048 parameter too long, 40 variables per template). */
export const NHN_MAX_MESSAGE_LENGTH = 1300;
export const NHN_MAX_VARIABLES = 40;
export const NHN_MAX_VALUE_LENGTH = 1300;

// Same grammar as NHN templates and packages/alimtalk: anything but braces between #{ and }.
const VARIABLE_RE = /#\{([^{}]+)\}/g;

/** `#{var}` names in order of first appearance, without duplicates. */
export function extractVariables(content: string): string[] {
  const names = new Set<string>();
  for (const match of content.matchAll(VARIABLE_RE)) names.add(match[1]!);
  return [...names];
}

export type RenderErrorCode =
  'unmapped_variable' | 'missing_value' | 'too_long' | 'too_many_variables' | 'value_too_long';
/**
 * `length` and `limit` come with the limit errors (characters, or variables for too_many_variables), `field` (the
 * field's label, or its key when the partition has no such field) with missing_value. `message` is English, for
 * logs and the API's stored reasons; describeRenderError words it for a person.
 */
export type RenderError = { code: RenderErrorCode; variable?: string; field?: string; message: string; length?: number; limit?: number };
export type RenderResult =
  | { ok: true; text: string; templateParameter: Record<string, string> }
  | { ok: false; errors: RenderError[] };

export type RenderInput = {
  content: string;
  /** template variable → record field key */
  variableMappings: Record<string, string>;
  data: RecordData;
  fields: readonly FieldDefinition[];
};

/**
 * How a record value reads inside a message: numbers as stored, dates as YYYY-MM-DD (KST day), phone numbers as
 * 010-1234-5678, text trimmed. A value that does not fit its field type is shown as written rather than dropped.
 */
export function formatTemplateValue(value: unknown, type: FieldType): string {
  if (type === 'date') {
    const date = parseDate(value);
    if (date.kind === 'date') return date.day;
  }
  if (type === 'phone' && normalizePhone(value).ok) return formatPhone(value as string);
  if (Array.isArray(value)) return value.map((item) => formatTemplateValue(item, type)).join(', ');
  const text = scalarText(value);
  if (text !== null) return text.trim();
  return describeRaw(value);
}

/**
 * Fills `#{var}` from the record through the link's mappings and builds NHN's templateParameter. All problems are
 * reported together so an admin can fix a link in one pass; the length limit is in UTF-16 code units, which is
 * never less than NHN's character count, so nothing accepted here is refused there for length.
 */
export function renderTemplate(input: RenderInput): RenderResult {
  const { content, variableMappings, data, fields } = input;
  const errors: RenderError[] = [];
  const variables = extractVariables(content);
  if (variables.length > NHN_MAX_VARIABLES) {
    errors.push({
      code: 'too_many_variables',
      message: `The template has ${variables.length} variables; NHN allows at most ${NHN_MAX_VARIABLES}`,
      length: variables.length,
      limit: NHN_MAX_VARIABLES,
    });
  }
  const parameters = new Map<string, string>();
  for (const variable of variables) {
    const fieldKey = readValue(variableMappings, variable);
    if (typeof fieldKey !== 'string' || fieldKey === '') {
      errors.push({
        code: 'unmapped_variable',
        variable,
        message: `#{${variable}} is not mapped to a field`,
      });
      continue;
    }
    const raw = readValue(data, fieldKey);
    const field = findField(fields, fieldKey);
    if (isEmptyValue(raw)) {
      const label = field?.label ?? fieldKey;
      errors.push({
        code: 'missing_value',
        variable,
        field: label,
        message: `#{${variable}}: the record has no value for "${label}"`,
      });
      continue;
    }
    const text = formatTemplateValue(raw, field?.type ?? 'text');
    if (text.length > NHN_MAX_VALUE_LENGTH) {
      errors.push({
        code: 'value_too_long',
        variable,
        message: `#{${variable}} is ${text.length} characters; NHN allows at most ${NHN_MAX_VALUE_LENGTH}`,
        length: text.length,
        limit: NHN_MAX_VALUE_LENGTH,
      });
      continue;
    }
    parameters.set(variable, text);
  }
  if (errors.length > 0) return { ok: false, errors };

  const text = content.replace(VARIABLE_RE, (_whole, name: string) => parameters.get(name)!);
  if (text.length > NHN_MAX_MESSAGE_LENGTH) {
    return {
      ok: false,
      errors: [
        {
          code: 'too_long',
          message: `The message is ${text.length} characters; NHN allows at most ${NHN_MAX_MESSAGE_LENGTH}`,
          length: text.length,
          limit: NHN_MAX_MESSAGE_LENGTH,
        },
      ],
    };
  }
  // fromEntries defines own properties, so a variable named "__proto__" stays a plain key.
  return { ok: true, text, templateParameter: Object.fromEntries(parameters) };
}

export type MappingProblem = {
  code: 'unmapped_variable' | 'unknown_field' | 'too_many_variables';
  variable?: string;
  message: string;
};

/** Link-save check: every template variable mapped to a field the partition defines; messages in `locale`. */
export function checkVariableMappings(
  content: string,
  variableMappings: Record<string, string>,
  fields: readonly FieldDefinition[],
  locale: Locale = 'en',
): MappingProblem[] {
  const ko = locale === 'ko';
  const problems: MappingProblem[] = [];
  const variables = extractVariables(content);
  if (variables.length > NHN_MAX_VARIABLES) {
    problems.push({
      code: 'too_many_variables',
      message: ko
        ? `템플릿의 변수가 ${variables.length}개입니다. NHN은 ${NHN_MAX_VARIABLES}개까지 허용합니다`
        : `The template has ${variables.length} variables; NHN allows at most ${NHN_MAX_VARIABLES}`,
    });
  }
  for (const variable of variables) {
    const fieldKey = readValue(variableMappings, variable);
    if (typeof fieldKey !== 'string' || fieldKey === '') {
      problems.push({
        code: 'unmapped_variable',
        variable,
        message: ko ? `#{${variable}}에 연결된 필드가 없습니다` : `#{${variable}} is not mapped to a field`,
      });
    } else if (!findField(fields, fieldKey)) {
      problems.push({
        code: 'unknown_field',
        variable,
        message: ko
          ? `#{${variable}}에 연결된 "${fieldKey}" 필드가 이 파티션에 없습니다`
          : `#{${variable}} is mapped to unknown field "${fieldKey}"`,
      });
    }
  }
  return problems;
}

/** A render error in the reader's language (the rule builder's preview, a test send's refusal). */
export function describeRenderError(error: RenderError, locale: Locale): string {
  if (locale === 'en') return error.message;
  const v = `#{${error.variable ?? ''}}`;
  switch (error.code) {
    case 'too_many_variables':
      return `템플릿 변수가 ${error.length}개입니다. NHN은 최대 ${error.limit}개까지 허용합니다`;
    case 'unmapped_variable':
      return `${v}에 연결된 필드가 없습니다`;
    case 'missing_value':
      return `${v}: 레코드에 "${error.field}" 값이 없습니다`;
    case 'value_too_long':
      return `${v} 값이 ${error.length}자입니다. NHN은 최대 ${error.limit}자까지 허용합니다`;
    case 'too_long':
      return `메시지가 ${error.length}자입니다. NHN은 최대 ${error.limit}자까지 허용합니다`;
  }
}
