// "Why did / didn't it send?" — one automation event (automationEvents.list, sendLogs.get) as a sentence:
//   '신규 리드 환영' 규칙: 조건이 맞지 않아 건너뜀 — 상태가 '상담중'이었고 '신규'여야 함
// plus the condition trace flattened into rows a person can read (field, expected, actual, ✓/✗).
// Pure: the translation function and the partition's fields come in as arguments.
import { formatPhoneNumber } from '@/lib/format';
import { formatDateTime, formatNumber } from '@/lib/format';
import { isEventReason } from '@/lib/reasons';
import {
  AUTOMATION_EVENT_KINDS,
  describeWindowWait,
  conditionOperatorSchema,
  isRenderSkipReason,
  isTraceNoteCode,
  type LeafTrace,
  type RenderSkipReason,
  type TraceNode,
} from '@alimflow/automation-core';
import { resolveJosa } from './josa';

/** i18next's t() for the records namespace, loosened for the computed keys used here. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface FieldLike {
  key: string;
  label: string;
  type: string;
}

export interface AutomationEventLike {
  event: string;
  decision: string;
  reason: string | null;
  detail: unknown;
  linkName?: string | null;
  linkDeleted?: boolean;
  createdAt?: string;
}

/** A condition leaf as the sentences read it: automation-core's trace leaf, without its kind. */
export type TraceLeaf = Omit<LeafTrace, 'kind'>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Stored JSON → a trace node, or null when it is not one. Never throws. */
export function readTrace(value: unknown): TraceNode | null {
  if (!isObject(value)) return null;
  if (value.kind === 'none') return { kind: 'none', result: true };
  if ((value.kind === 'all' || value.kind === 'any') && Array.isArray(value.children)) {
    const children = value.children.map(readTrace).filter((c): c is TraceNode => c !== null);
    return { kind: value.kind, result: value.result === true, children };
  }
  if (value.kind === 'leaf' && typeof value.field === 'string') {
    return {
      kind: 'leaf',
      field: value.field,
      label: typeof value.label === 'string' ? value.label : value.field,
      // An operator this version does not know reads as equality, like a missing one.
      operator: conditionOperatorSchema.safeParse(value.operator).data ?? 'eq',
      expected: value.expected,
      actual: value.actual,
      ...('before' in value ? { before: value.before } : {}),
      result: value.result === true,
      ...(isTraceNoteCode(value.noteCode) ? { noteCode: value.noteCode } : {}),
    };
  }
  return null;
}

/** Every leaf of a trace, in order: the rows of the readable trace table. */
export function traceLeaves(node: TraceNode | null): TraceLeaf[] {
  if (!node || node.kind === 'none') return [];
  if (node.kind === 'leaf') {
    const { kind: _kind, ...leaf } = node;
    return [leaf];
  }
  return node.children.flatMap(traceLeaves);
}

/**
 * The leaves that explain the result: for a false node, the failing leaves that made it false (every child of a
 * failed "any", the failed children of an "all"); for a true node, the leaves that made it true.
 */
export function explainingLeaves(node: TraceNode | null): TraceLeaf[] {
  if (!node || node.kind === 'none') return [];
  if (node.kind === 'leaf') return traceLeaves(node);
  if (!node.result) {
    const failed = node.children.filter((c) => !c.result);
    return failed.flatMap(explainingLeaves);
  }
  if (node.kind === 'any') {
    const first = node.children.find((c) => c.result);
    return first ? explainingLeaves(first) : [];
  }
  return node.children.flatMap(explainingLeaves);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** A value as the sentence shows it: numbers and dates bare, text quoted, phones 010-1234-5678; null if empty. */
export function formatTraceValue(value: unknown, type: string | undefined, lang: string): string | null {
  if (isEmpty(value)) return null;
  if (Array.isArray(value)) {
    const parts = value.map((v) => formatTraceValue(v, type, lang)).filter((v): v is string => v !== null);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const text = value.trim();
    if (type === 'number' && /^-?[\d,]+(\.\d+)?$/.test(text)) return text;
    if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : formatDateTime(text, lang);
    if (type === 'phone') return `'${formatPhoneNumber(text)}'`;
    return `'${text}'`;
  }
  return JSON.stringify(value);
}

function expectationKey(operator: string, type: string | undefined): string {
  const ordering = ['gt', 'gte', 'lt', 'lte'];
  if (type === 'date' && ordering.includes(operator)) return `events.expect.${operator}Date`;
  const known = ['eq', 'ne', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'is_empty', 'is_not_empty', 'gt', 'gte', 'lt', 'lte', 'changed', 'changed_to', 'changed_from'];
  return `events.expect.${known.includes(operator) ? operator : 'eq'}`;
}

/** What the condition asked of this field: "'신규'여야 함" / "be '신규'". */
export function describeExpectation(leaf: TraceLeaf, t: Translate, type: string | undefined, lang: string): string {
  const value = formatTraceValue(leaf.expected, type, lang) ?? t('events.emptyValue');
  return t(expectationKey(leaf.operator, type), { value });
}

/** One leaf as a clause: "상태가 '상담중'이었고 '신규'여야 함" (failed) / "상태가 '신규'였음" (held). */
export function describeLeaf(leaf: TraceLeaf, t: Translate, fields: readonly FieldLike[], lang: string): string {
  const type = fields.find((f) => f.key === leaf.field)?.type;
  const label = fields.find((f) => f.key === leaf.field)?.label ?? leaf.label ?? leaf.field;
  const actual = formatTraceValue(leaf.actual, type, lang);
  const expected = describeExpectation(leaf, t, type, lang);
  if (leaf.result) {
    const before = formatTraceValue(leaf.before, type, lang);
    if (leaf.before !== undefined && before !== null && actual !== null && leaf.operator.startsWith('changed')) {
      return t('events.leaf.heldChanged', { label, before, actual });
    }
    return actual === null ? t('events.leaf.heldEmpty', { label }) : t('events.leaf.held', { label, actual });
  }
  switch (leaf.noteCode) {
    case 'no_before':
      return t('events.leaf.noBefore', { label, expected });
    case 'unchanged':
      return t('events.leaf.unchanged', { label, expected });
    case 'invalid_actual':
      return t('events.leaf.invalidActual', { label, actual: actual ?? t('events.emptyValue') });
    case 'invalid_expected':
    case 'operator_not_supported':
    case 'malformed_condition':
      return t('events.leaf.badCondition', { label });
    default:
      return actual === null ? t('events.leaf.wasEmpty', { label, expected }) : t('events.leaf.was', { label, actual, expected });
  }
}

export type EventTone = 'success' | 'warning' | 'muted' | 'danger';

export interface EventSentence {
  /** The whole sentence, as shown and read aloud. */
  sentence: string;
  /** The rule part: "'신규 리드 환영' 규칙". */
  rule: string;
  /** What happened: "조건이 맞지 않아 건너뜀". */
  outcome: string;
  /** Why, from the trace or the server's detail: "상태가 '상담중'이었고 '신규'여야 함". */
  why: string | null;
  tone: EventTone;
  /** Every leaf of the condition that was checked, for the trace table. */
  leaves: TraceLeaf[];
  /** The server's own words (English) when it added any, e.g. why a phone number was refused. */
  message: string | null;
}


function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * "#{이름}이(가) 1,301자라 NHN 한도(1,300자)를 넘어 건너뜀", from the variable and the sizes the server stored; a row
 * without them (or from before the render reasons were split) gets the general sentence.
 */
function renderSkipOutcome(reason: RenderSkipReason | 'render_failed', detail: Record<string, unknown>, t: Translate, lang: string): string {
  const variable = typeof detail.variable === 'string' ? `#{${detail.variable}}` : null;
  const length = num(detail.length);
  const limit = num(detail.limit);
  const params = { variable, length: length === null ? null : formatNumber(length, lang), limit: limit === null ? null : formatNumber(limit, lang) };
  const needs: Record<typeof reason, Array<keyof typeof params>> = {
    render_failed: [],
    unmapped_variable: ['variable'],
    missing_value: ['variable'],
    value_too_long: ['variable', 'length', 'limit'],
    message_too_long: ['length', 'limit'],
    too_many_variables: ['length', 'limit'],
  };
  const complete = needs[reason].every((key) => params[key] !== null);
  return t(`events.reason.${complete ? reason : 'render_failed'}`, params);
}

export function describeEvent(event: AutomationEventLike, t: Translate, fields: readonly FieldLike[], lang: string): EventSentence {
  const detail = isObject(event.detail) ? event.detail : {};
  const trace = readTrace(detail.trace);
  const leaves = traceLeaves(trace);
  // A render skip's sentence carries the variable and the limit itself; the server's English would only repeat it.
  const message = typeof detail.message === 'string' && detail.message.trim() && !isRenderSkipReason(event.reason) ? detail.message.trim() : null;

  const rule = event.linkName
    ? t(event.linkDeleted ? 'events.deletedRuleNamed' : 'events.rule', { name: event.linkName })
    : t(event.linkDeleted ? 'events.deletedRule' : 'events.manualRule');

  let outcome: string;
  let tone: EventTone = 'muted';
  if (event.decision === 'fired') {
    tone = 'success';
    const occurrence = num(detail.occurrence);
    const max = num(detail.maxRepeat);
    if (event.event === 'repeat' && occurrence !== null && max !== null) outcome = t('events.fired.repeatCount', { occurrence, max });
    else outcome = t(`events.fired.${(AUTOMATION_EVENT_KINDS as readonly string[]).includes(event.event) ? event.event : 'other'}`);
    // Held by the send window: the history says until when ("발송 가능 시간까지 대기 (내일 09:00)").
    if (event.reason === 'send_window' && typeof detail.until === 'string') {
      const createdAt = event.createdAt ? new Date(event.createdAt) : new Date();
      outcome = `${outcome} — ${describeWindowWait(new Date(detail.until), createdAt, lang.startsWith('en') ? 'en' : 'ko')}`;
    }
  } else if (event.reason === 'cooldown' && typeof detail.until === 'string' && detail.until) {
    outcome = t('events.reason.cooldownUntil', { until: formatDateTime(detail.until, lang) });
  } else if (event.reason === 'frequency_cap' && typeof detail.until === 'string' && detail.until) {
    outcome = t('events.reason.frequencyCapUntil', { until: formatDateTime(detail.until, lang) });
  } else if (isRenderSkipReason(event.reason)) {
    outcome = renderSkipOutcome(event.reason, detail, t, lang);
  } else if (event.reason && isEventReason(event.reason)) {
    outcome = t(`events.reason.${event.reason}`);
  } else {
    outcome = t('events.reason.unknown', { decision: t(`events.decision.${event.decision}`, { defaultValue: event.decision }), reason: event.reason ?? '—' });
  }
  if (event.decision === 'cancelled' && event.reason !== 'cancelled_by_user' && event.reason !== 'record_deleted') tone = 'warning';

  let why: string | null = null;
  const separator = t('events.clauseSeparator');
  if (event.decision === 'skipped' && event.reason === 'condition_false') {
    const culprits = explainingLeaves(trace);
    why = culprits.length ? culprits.map((leaf) => describeLeaf(leaf, t, fields, lang)).join(separator) : null;
  } else if (event.decision === 'fired' || (event.decision === 'completed' && event.reason === 'stop_condition_met')) {
    const held = explainingLeaves(trace);
    why = held.length ? held.map((leaf) => describeLeaf(leaf, t, fields, lang)).join(separator) : null;
  }

  const sentence = resolveJosa(why ? t('events.sentenceWhy', { rule, outcome, why }) : t('events.sentence', { rule, outcome }));
  return {
    sentence,
    rule: resolveJosa(rule),
    outcome: resolveJosa(outcome),
    why: why ? resolveJosa(why) : null,
    tone,
    leaves,
    message,
  };
}
