// The rule builder's draft: an editable condition tree (with ids for React and per-leaf messages) and the form
// values, and the conversions to and from the API's link shape. Pure, so it is unit-tested directly. Whether a
// condition is valid is automation-core's call (conditionSchema, conditionProblems); this file only translates.
import {
  checkVariableMappings,
  CHANGE_OPERATORS,
  conditionProblems,
  conditionSchema,
  DEFAULT_COOLDOWN_HOURS,
  DEFAULT_FIRE_ON,
  findField,
  foldText,
  isWholeIn,
  LIST_OPERATORS,
  MAX_CONDITION_DEPTH,
  MAX_COOLDOWN_HOURS,
  MAX_REPEAT,
  MAX_REPEAT_INTERVAL_HOURS,
  operatorsForFieldType,
  VALUELESS_OPERATORS,
  type Condition,
  type ConditionLeaf,
  type ConditionOperator,
  type ConditionProblemCode,
  type FieldDefinition,
  type FireOn,
  type RepeatConfig,
  type TriggerType,
  type RuleSendWindow,
} from '@alimflow/automation-core';
import type { Link, LinkCreateInput, Partition, PreviewInput } from './api-types';
import { DEFAULT_FALLBACK_VALUES, fallbackToValues, valuesToFallback, type FallbackFormValues } from './fallback-draft';

// ── the editable condition tree ────────────────────────────────────────────────────────────────────────────────
export type Join = 'all' | 'any';

export interface EditorLeaf {
  id: string;
  kind: 'leaf';
  field: string;
  /** '' until chosen. */
  operator: ConditionOperator | '';
  /** Scalar value as typed; for list operators on non-select fields, the items separated by commas. */
  value: string;
  /** List operators on select fields: the ticked options. */
  values: string[];
}

export interface EditorGroup {
  id: string;
  kind: 'group';
  join: Join;
  children: EditorNode[];
}

export type EditorNode = EditorLeaf | EditorGroup;

let nextId = 0;
export function newNodeId(): string {
  nextId += 1;
  return `c${nextId}`;
}

export function emptyLeaf(field = '', fields: readonly FieldDefinition[] = [], allowChangeOperators = true): EditorLeaf {
  const def = field ? findField(fields, field) : undefined;
  const operator = def ? (availableOperators(def.type, allowChangeOperators)[0] ?? '') : '';
  return { id: newNodeId(), kind: 'leaf', field, operator, value: '', values: [] };
}

export function emptyGroup(join: Join = 'all', children: EditorNode[] = []): EditorGroup {
  return { id: newNodeId(), kind: 'group', join, children };
}

/** The operator menu for a field type; change operators only where a "before" exists (on_update triggers). */
export function availableOperators(type: FieldDefinition['type'], allowChangeOperators: boolean): ConditionOperator[] {
  return operatorsForFieldType(type).filter((op) => allowChangeOperators || !CHANGE_OPERATORS.includes(op));
}

export const needsNoValue = (op: ConditionOperator | '') => op !== '' && VALUELESS_OPERATORS.includes(op);
export const isListOperator = (op: ConditionOperator | '') => op !== '' && LIST_OPERATORS.includes(op);

/** Depth of a group inside the root (root = 0); nested groups stop at automation-core's limit. */
export function canNestGroup(depth: number): boolean {
  return depth + 1 < MAX_CONDITION_DEPTH;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function typedScalar(text: string, type: FieldDefinition['type'] | undefined): string | number {
  const trimmed = text.trim();
  return type === 'number' && NUMBER_RE.test(trimmed) ? Number(trimmed) : trimmed;
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One editor leaf as a condition leaf (numbers typed as numbers, lists as arrays); it may still be invalid. */
export function leafToCondition(leaf: EditorLeaf, fields: readonly FieldDefinition[]): ConditionLeaf {
  const operator = leaf.operator || 'eq';
  const type = findField(fields, leaf.field)?.type;
  if (VALUELESS_OPERATORS.includes(operator)) return { field: leaf.field, operator };
  if (LIST_OPERATORS.includes(operator)) {
    const items = type === 'select' ? leaf.values : splitList(leaf.value);
    return { field: leaf.field, operator, value: items.map((item) => typedScalar(item, type)) };
  }
  return { field: leaf.field, operator, value: typedScalar(leaf.value, type) };
}

function scalarToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function nodeToEditor(node: Condition): EditorNode {
  if ('all' in node) return emptyGroup('all', node.all.map(nodeToEditor));
  if ('any' in node) return emptyGroup('any', node.any.map(nodeToEditor));
  const items = Array.isArray(node.value) ? node.value.map(scalarToText) : [];
  return {
    id: newNodeId(),
    kind: 'leaf',
    field: node.field,
    operator: node.operator,
    value: Array.isArray(node.value) ? items.join(', ') : scalarToText(node.value),
    values: items,
  };
}

/** A stored condition as the editor's root group (a lone leaf sits in an "all" group; null = no leaves). */
export function conditionToEditor(condition: unknown): EditorGroup {
  const parsed = conditionSchema.safeParse(condition);
  if (condition === null || condition === undefined || !parsed.success) return emptyGroup('all');
  const node = nodeToEditor(parsed.data);
  return node.kind === 'group' ? node : emptyGroup('all', [node]);
}

function nodeToCondition(node: EditorNode, fields: readonly FieldDefinition[], skipIncomplete: boolean): Condition | null {
  if (node.kind === 'leaf') {
    if (skipIncomplete && leafMissing(node, fields) !== null) return null;
    return leafToCondition(node, fields);
  }
  const children = node.children.map((child) => nodeToCondition(child, fields, skipIncomplete)).filter((c): c is Condition => c !== null);
  if (children.length === 0) return null;
  return node.join === 'all' ? { all: children } : { any: children };
}

/**
 * The editor tree as the API's condition: null when it has no leaves, a lone leaf without its group.
 * With `skipIncomplete`, leaves still missing a field, operator or value are left out (for the live sentence).
 */
export function editorToCondition(root: EditorGroup, fields: readonly FieldDefinition[], options: { skipIncomplete?: boolean } = {}): Condition | null {
  const condition = nodeToCondition(root, fields, options.skipIncomplete ?? false);
  if (condition === null) return null;
  if ('all' in condition && condition.all.length === 1) return condition.all[0]!;
  if ('any' in condition && condition.any.length === 1) return condition.any[0]!;
  return condition;
}

export function countLeaves(node: EditorNode): number {
  return node.kind === 'leaf' ? 1 : node.children.reduce((sum, child) => sum + countLeaves(child), 0);
}

// ── problems, per leaf ─────────────────────────────────────────────────────────────────────────────────────────
/** Something the form asks for before automation-core can judge the leaf, or automation-core's own code. */
export type LeafIssue = 'field_required' | 'operator_required' | 'value_required' | 'list_required' | ConditionProblemCode;

function leafMissing(leaf: EditorLeaf, fields: readonly FieldDefinition[]): LeafIssue | null {
  if (!leaf.field) return 'field_required';
  if (!leaf.operator) return 'operator_required';
  if (needsNoValue(leaf.operator)) return null;
  if (isListOperator(leaf.operator)) {
    const items = findField(fields, leaf.field)?.type === 'select' ? leaf.values : splitList(leaf.value);
    return items.length === 0 ? 'list_required' : null;
  }
  return leaf.value.trim() === '' ? 'value_required' : null;
}

export function leafIssues(leaf: EditorLeaf, fields: readonly FieldDefinition[], options: { allowChangeOperators: boolean }): LeafIssue[] {
  const missing = leafMissing(leaf, fields);
  if (missing) return [missing];
  const condition = leafToCondition(leaf, fields);
  if (!conditionSchema.safeParse(condition).success) return ['invalid_value'];
  return [...new Set(conditionProblems(condition, fields, options).map((p) => p.code))];
}

/** Every leaf with something to fix, by leaf id. Empty map = the tree is valid. */
export function editorIssues(root: EditorGroup, fields: readonly FieldDefinition[], options: { allowChangeOperators: boolean }): Map<string, LeafIssue[]> {
  const out = new Map<string, LeafIssue[]>();
  const visit = (node: EditorNode) => {
    if (node.kind === 'group') return node.children.forEach(visit);
    const issues = leafIssues(node, fields, options);
    if (issues.length > 0) out.set(node.id, issues);
  };
  visit(root);
  return out;
}

/** Leaf ids in reading order. */
export function leafIds(node: EditorNode): string[] {
  return node.kind === 'leaf' ? [node.id] : node.children.flatMap(leafIds);
}

/** Where keyboard focus goes when a node is removed: the leaf before it, else the one after it, else nowhere. */
export function focusAfterRemoving(root: EditorGroup, id: string): string | null {
  const all = leafIds(root);
  const find = (node: EditorNode): EditorNode | undefined =>
    node.id === id ? node : node.kind === 'group' ? node.children.map(find).find((n) => n !== undefined) : undefined;
  const removed = find(root);
  if (!removed) return null;
  const gone = new Set(leafIds(removed));
  const first = all.findIndex((leafId) => gone.has(leafId));
  const before = all.slice(0, first).filter((leafId) => !gone.has(leafId));
  const after = all.slice(first).filter((leafId) => !gone.has(leafId));
  return before.at(-1) ?? after[0] ?? null;
}

// ── tree edits (immutable) ─────────────────────────────────────────────────────────────────────────────────────
export function updateNode(root: EditorGroup, id: string, update: (node: EditorNode) => EditorNode): EditorGroup {
  const visit = (node: EditorNode): EditorNode => {
    if (node.id === id) return update(node);
    if (node.kind === 'leaf') return node;
    return { ...node, children: node.children.map(visit) };
  };
  return visit(root) as EditorGroup;
}

/** Removes a node; a nested group left empty goes with it (the root stays, possibly empty). */
export function removeNode(root: EditorGroup, id: string): EditorGroup {
  const visit = (group: EditorGroup): EditorGroup => ({
    ...group,
    children: group.children
      .filter((child) => child.id !== id)
      .map((child) => (child.kind === 'group' ? visit(child) : child))
      .filter((child) => child.kind === 'leaf' || child.children.length > 0),
  });
  return visit(root);
}

// ── the form ───────────────────────────────────────────────────────────────────────────────────────────────────
export interface VariableMapping {
  variable: string;
  /** Field key, '' while unmapped. */
  field: string;
}

export interface RuleFormValues extends FallbackFormValues {
  name: string;
  templateId: string;
  partitionId: string;
  recipientField: string;
  mappings: VariableMapping[];
  triggerType: TriggerType;
  condition: EditorGroup;
  fireOn: FireOn;
  repeatEnabled: boolean;
  /** NaN while the input is empty. */
  intervalHours: number;
  maxRepeat: number;
  stopCondition: EditorGroup;
  cooldownHours: number;
  isActive: boolean;
  /** inherit = the org's window; always = none; custom = this rule's own. */
  sendWindow: RuleSendWindow;
}

export const DEFAULT_INTERVAL_HOURS = 24;
export const DEFAULT_MAX_REPEAT = 3;

export function phoneFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => f.type === 'phone');
}

/** The partition's own phone field when it names one, else its first phone field. */
export function defaultRecipientField(partition: Pick<Partition, 'fields' | 'phoneField'> | undefined): string {
  if (!partition) return '';
  const phones = phoneFields(partition.fields);
  if (partition.phoneField && phones.some((f) => f.key === partition.phoneField)) return partition.phoneField;
  return phones[0]?.key ?? '';
}

/**
 * One row per template variable: an existing mapping to a field of the partition is kept, otherwise a field
 * whose key or label reads the same as the variable (ignoring case and spacing) is chosen.
 */
export function autoMapVariables(variables: readonly string[], fields: readonly FieldDefinition[], existing: readonly VariableMapping[] = []): VariableMapping[] {
  const previous = new Map(existing.map((m) => [m.variable, m.field]));
  return variables.map((variable) => {
    const kept = previous.get(variable);
    if (kept && findField(fields, kept)) return { variable, field: kept };
    const wanted = foldText(variable).replace(/\s+/g, '');
    const match = fields.find((f) => foldText(f.key).replace(/\s+/g, '') === wanted || foldText(f.label).replace(/\s+/g, '') === wanted);
    return { variable, field: match?.key ?? '' };
  });
}

export function newRuleValues(partition: Partition | undefined): RuleFormValues {
  return {
    name: '',
    templateId: '',
    partitionId: partition?.id ?? '',
    recipientField: defaultRecipientField(partition),
    mappings: [],
    triggerType: 'on_create',
    condition: emptyGroup('all'),
    fireOn: DEFAULT_FIRE_ON,
    repeatEnabled: false,
    intervalHours: DEFAULT_INTERVAL_HOURS,
    maxRepeat: DEFAULT_MAX_REPEAT,
    stopCondition: emptyGroup('all'),
    cooldownHours: DEFAULT_COOLDOWN_HOURS,
    isActive: true,
    ...DEFAULT_FALLBACK_VALUES,
    sendWindow: { mode: 'inherit' },
  };
}

/** A saved link as form values; the template's variables decide the mapping rows. */
export function linkToValues(link: Link, templateVariables: readonly string[] | undefined, fields: readonly FieldDefinition[]): RuleFormValues {
  const saved = Object.entries(link.variableMappings).map(([variable, field]) => ({ variable, field }));
  // Without the template (not synced any more), the saved mappings are all there is to show.
  const variables = templateVariables ?? saved.map((m) => m.variable);
  return {
    name: link.name,
    templateId: link.templateId,
    partitionId: link.partitionId,
    recipientField: link.recipientField,
    mappings: autoMapVariables(variables, fields, saved),
    triggerType: link.triggerType,
    condition: conditionToEditor(link.triggerCondition),
    fireOn: link.fireOn,
    repeatEnabled: link.repeatConfig !== null,
    intervalHours: link.repeatConfig?.intervalHours ?? DEFAULT_INTERVAL_HOURS,
    maxRepeat: link.repeatConfig?.maxRepeat ?? DEFAULT_MAX_REPEAT,
    stopCondition: conditionToEditor(link.repeatConfig?.stopCondition ?? null),
    cooldownHours: link.cooldownHours,
    isActive: link.isActive,
    ...fallbackToValues(link.fallback),
    sendWindow: link.sendWindow ?? { mode: 'inherit' },
  };
}

export function mappingsToRecord(mappings: readonly VariableMapping[]): Record<string, string> {
  return Object.fromEntries(mappings.filter((m) => m.field !== '').map((m) => [m.variable, m.field]));
}

/** Manual rules are sent by hand: the engine never evaluates their condition and they cannot repeat. */
export function usesCondition(triggerType: TriggerType): boolean {
  return triggerType !== 'manual';
}

export function repeatConfigOf(values: RuleFormValues, fields: readonly FieldDefinition[]): RepeatConfig | null {
  if (!values.repeatEnabled || !usesCondition(values.triggerType)) return null;
  return {
    intervalHours: values.intervalHours,
    maxRepeat: values.maxRepeat,
    stopCondition: editorToCondition(values.stopCondition, fields) ?? { all: [] },
  };
}

/** Valid form values → templateLinks.create input (update takes the same fields plus the id). */
export function valuesToInput(values: RuleFormValues, fields: readonly FieldDefinition[]): LinkCreateInput {
  const conditional = usesCondition(values.triggerType);
  return {
    name: values.name.trim(),
    partitionId: values.partitionId,
    templateId: values.templateId,
    recipientField: values.recipientField,
    variableMappings: mappingsToRecord(values.mappings),
    triggerType: values.triggerType,
    triggerCondition: conditional ? editorToCondition(values.condition, fields) : null,
    fireOn: values.triggerType === 'on_update' ? values.fireOn : DEFAULT_FIRE_ON,
    repeatConfig: repeatConfigOf(values, fields),
    cooldownHours: values.cooldownHours,
    isActive: values.isActive,
    fallback: valuesToFallback(values),
    sendWindow: values.sendWindow.mode === 'inherit' ? null : values.sendWindow,
  };
}

export type PreviewDraft = { input: PreviewInput; waitingFor: null } | { input: null; waitingFor: 'target' | 'condition' | 'stopCondition' };

/**
 * What the preview can ask the server about now: only finished parts of the draft are sent, so a half-typed
 * condition never produces a misleading count (it says what it is waiting for instead).
 */
export function previewDraft(values: RuleFormValues, fields: readonly FieldDefinition[]): PreviewDraft {
  if (!values.partitionId || !values.templateId) return { input: null, waitingFor: 'target' };
  const conditional = usesCondition(values.triggerType);
  const allowChangeOperators = values.triggerType === 'on_update';
  if (conditional && editorIssues(values.condition, fields, { allowChangeOperators }).size > 0) return { input: null, waitingFor: 'condition' };
  const repeatReady =
    values.repeatEnabled &&
    conditional &&
    countLeaves(values.stopCondition) > 0 &&
    editorIssues(values.stopCondition, fields, { allowChangeOperators: false }).size === 0 &&
    isWholeIn(values.intervalHours, 1, MAX_REPEAT_INTERVAL_HOURS) &&
    isWholeIn(values.maxRepeat, 1, MAX_REPEAT);
  const input: PreviewInput = {
    partitionId: values.partitionId,
    templateId: values.templateId,
    variableMappings: mappingsToRecord(values.mappings),
    triggerType: values.triggerType,
    triggerCondition: conditional ? editorToCondition(values.condition, fields) : null,
    fireOn: values.triggerType === 'on_update' ? values.fireOn : DEFAULT_FIRE_ON,
    repeatConfig: repeatReady ? repeatConfigOf(values, fields) : null,
  };
  if (values.recipientField) input.recipientField = values.recipientField;
  if (values.name.trim()) input.name = values.name.trim();
  if (isWholeIn(values.cooldownHours, 0, MAX_COOLDOWN_HOURS)) input.cooldownHours = values.cooldownHours;
  return { input, waitingFor: null };
}

// ── form validation (messages are i18n keys of the automations namespace) ─────────────────────────────────────
export type MappingIssue = 'unmapped' | 'unknown_field';

export function mappingIssues(templateContent: string | undefined, mappings: readonly VariableMapping[], fields: readonly FieldDefinition[]): Map<string, MappingIssue> {
  const out = new Map<string, MappingIssue>();
  if (templateContent === undefined) return out;
  for (const problem of checkVariableMappings(templateContent, mappingsToRecord(mappings), fields)) {
    if (problem.variable) out.set(problem.variable, problem.code === 'unknown_field' ? 'unknown_field' : 'unmapped');
  }
  return out;
}
