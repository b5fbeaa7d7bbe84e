// The condition editor: leaves (field · comparison · value) inside "all" / "any" groups, nested up to
// automation-core's depth limit. Every control has its own accessible name ("조건 2.1 필드"), so it is usable by
// keyboard and screen reader and findable by tests; problems show under the leaf they belong to.
import type { FieldDefinition } from '@alimflow/automation-core';
import { findField } from '@alimflow/automation-core';
import { ListPlus, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DateInput } from '@/components/ui/date-input';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { cn } from '@/lib/utils';
import {
  availableOperators,
  canNestGroup,
  emptyGroup,
  emptyLeaf,
  focusAfterRemoving,
  isListOperator,
  needsNoValue,
  removeNode,
  updateNode,
  type EditorGroup,
  type EditorLeaf,
  type Join,
  type LeafIssue,
} from './draft';
import { operatorText } from './text';

export type BuilderKind = 'trigger' | 'stop';

/** Focus target when the last leaf is gone: the root's "add condition" button. */
const ROOT_ADD = 'root-add';

interface Shared {
  fields: readonly FieldDefinition[];
  allowChangeOperators: boolean;
  issues: Map<string, LeafIssue[]>;
  /** Also show "missing" problems (no field, no value…), e.g. after a save attempt. */
  showRequired: boolean;
  kind: BuilderKind;
  disabled?: boolean;
  focusId: string | null;
  onFocused: () => void;
  edit: (next: (root: EditorGroup) => EditorGroup, focusId?: string) => void;
  /** Removes a leaf or group and moves focus to its neighbour, so keyboard users do not lose their place. */
  remove: (id: string) => void;
}

const REQUIRED_ISSUES: readonly LeafIssue[] = ['field_required', 'operator_required', 'value_required', 'list_required'];

export function ConditionBuilder({
  value,
  onChange,
  fields,
  allowChangeOperators,
  issues,
  showRequired,
  kind,
  disabled,
  describedBy,
}: {
  value: EditorGroup;
  onChange: (next: EditorGroup) => void;
  fields: readonly FieldDefinition[];
  allowChangeOperators: boolean;
  issues: Map<string, LeafIssue[]>;
  showRequired: boolean;
  kind: BuilderKind;
  disabled?: boolean;
  describedBy?: string;
}) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const latest = useRef(value);
  latest.current = value;
  const shared: Shared = {
    fields,
    allowChangeOperators,
    issues,
    showRequired,
    kind,
    disabled,
    focusId,
    onFocused: () => setFocusId(null),
    edit: (next, nextFocus) => {
      onChange(next(latest.current));
      if (nextFocus) setFocusId(nextFocus);
    },
    remove: (id) => {
      const nextFocus = focusAfterRemoving(latest.current, id) ?? ROOT_ADD;
      onChange(removeNode(latest.current, id));
      setFocusId(nextFocus);
    },
  };
  return (
    <div className="space-y-3" aria-describedby={describedBy}>
      <GroupEditor group={value} path="" depth={0} shared={shared} />
    </div>
  );
}

function GroupEditor({ group, path, depth, shared }: { group: EditorGroup; path: string; depth: number; shared: Shared }) {
  const { t } = useTranslation('automations');
  const root = depth === 0;
  const groupName = root ? null : t(`condition.${shared.kind}.group`, { path });
  const firstField = shared.fields[0]?.key ?? '';

  const addLeaf = () => {
    const leaf = emptyLeaf(firstField, shared.fields, shared.allowChangeOperators);
    shared.edit((r) => updateNode(r, group.id, (g) => ({ ...(g as EditorGroup), children: [...(g as EditorGroup).children, leaf] })), leaf.id);
  };
  const addGroup = () => {
    const leaf = emptyLeaf(firstField, shared.fields, shared.allowChangeOperators);
    const nested = emptyGroup(group.join === 'all' ? 'any' : 'all', [leaf]);
    shared.edit((r) => updateNode(r, group.id, (g) => ({ ...(g as EditorGroup), children: [...(g as EditorGroup).children, nested] })), leaf.id);
  };
  const addRef = useRef<HTMLButtonElement>(null);
  const { focusId, onFocused } = shared;
  useEffect(() => {
    if (root && focusId === ROOT_ADD) {
      addRef.current?.focus();
      onFocused();
    }
  }, [root, focusId, onFocused]);
  const setJoin = (join: Join) => shared.edit((r) => updateNode(r, group.id, (g) => ({ ...(g as EditorGroup), join })));

  const joinLabel = root ? t(`condition.${shared.kind}.joinLabel`) : t('condition.groupJoinLabel', { group: groupName });
  const header = (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {groupName && <span className="font-medium">{groupName}:</span>}
      <span>{t('condition.matchPrefix')}</span>
      <Select value={group.join} onValueChange={(v) => setJoin(v as Join)} disabled={shared.disabled}>
        <SelectTrigger size="sm" aria-label={joinLabel}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="all">{t('condition.join.all')}</SelectItem>
          <SelectItem value="any">{t('condition.join.any')}</SelectItem>
        </SelectContent>
      </Select>
      <span>{t('condition.matchSuffix')}</span>
      {!root && (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="ml-auto text-muted-foreground"
          disabled={shared.disabled}
          aria-label={t('condition.removeGroup', { group: groupName })}
          onClick={() => shared.remove(group.id)}
        >
          <Trash2 aria-hidden="true" />
        </Button>
      )}
    </div>
  );

  const body = (
    <>
      {(group.children.length > 1 || !root) && header}
      {root && group.children.length === 0 && <p className="text-sm text-muted-foreground">{t('condition.empty')}</p>}
      <ol className="space-y-2">
        {group.children.map((child, i) => {
          const childPath = path ? `${path}.${i + 1}` : String(i + 1);
          return (
            <li key={child.id} className="space-y-2">
              {i > 0 && (
                <div className="pl-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase" aria-hidden="true">
                  {t(`condition.connector.${group.join}`)}
                </div>
              )}
              {child.kind === 'leaf' ? (
                <LeafEditor leaf={child} path={childPath} shared={shared} />
              ) : (
                <GroupEditor group={child} path={childPath} depth={depth + 1} shared={shared} />
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          ref={root ? addRef : undefined}
          type="button"
          variant="outline"
          size="sm"
          onClick={addLeaf}
          disabled={shared.disabled || shared.fields.length === 0}
          aria-label={root ? t(`condition.${shared.kind}.addLeaf`) : t('condition.addLeafTo', { group: groupName })}
        >
          <Plus aria-hidden="true" />
          {t('condition.addLeafVisible')}
        </Button>
        {canNestGroup(depth) && (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={addGroup}
            disabled={shared.disabled || shared.fields.length === 0}
            aria-label={root ? t(`condition.${shared.kind}.addGroup`) : t('condition.addGroupTo', { group: groupName })}
          >
            <ListPlus aria-hidden="true" />
            {t('condition.addGroupVisible')}
          </Button>
        )}
      </div>
    </>
  );

  if (root) return <div className="space-y-3">{body}</div>;
  return (
    <div role="group" aria-label={groupName ?? undefined} className="space-y-3 rounded-md border border-dashed bg-muted/30 p-3">
      {body}
    </div>
  );
}

function LeafEditor({ leaf, path, shared }: { leaf: EditorLeaf; path: string; shared: Shared }) {
  const { t } = useTranslation('automations');
  const leafName = t(`condition.${shared.kind}.leaf`, { path });
  const field = findField(shared.fields, leaf.field);
  const fieldRef = useRef<HTMLButtonElement>(null);
  const issueId = `${leaf.id}-issue`;
  const { focusId, onFocused } = shared;

  useEffect(() => {
    if (focusId === leaf.id) {
      fieldRef.current?.focus();
      onFocused();
    }
  }, [focusId, leaf.id, onFocused]);

  const visibleIssues = (shared.issues.get(leaf.id) ?? []).filter((issue) => shared.showRequired || !REQUIRED_ISSUES.includes(issue));
  const invalid = visibleIssues.length > 0;

  const operators = field ? availableOperators(field.type, shared.allowChangeOperators) : [];
  // A saved operator the menu no longer offers (e.g. "changed" after switching to on_create) stays visible, flagged.
  if (leaf.operator && field && !operators.includes(leaf.operator)) operators.push(leaf.operator);

  const set = (patch: Partial<EditorLeaf>) => shared.edit((r) => updateNode(r, leaf.id, (n) => ({ ...(n as EditorLeaf), ...patch })));

  const onFieldChange = (key: string) => {
    const next = findField(shared.fields, key);
    const allowed = next ? availableOperators(next.type, shared.allowChangeOperators) : [];
    const keepOperator = leaf.operator && allowed.includes(leaf.operator) && next?.type === field?.type;
    set({ field: key, operator: keepOperator ? leaf.operator : (allowed[0] ?? ''), value: '', values: [] });
  };

  const onOperatorChange = (op: string) => {
    const operator = op as EditorLeaf['operator'];
    // Moving between one value and a list keeps what was typed where it still fits.
    if (isListOperator(operator) !== isListOperator(leaf.operator)) {
      const values = isListOperator(operator) && leaf.value ? [leaf.value] : [];
      set({ operator, value: isListOperator(operator) ? leaf.value : (leaf.values[0] ?? ''), values });
    } else {
      set({ operator });
    }
  };

  const describedBy = invalid ? issueId : undefined;

  return (
    <div role="group" aria-label={leafName} className={cn('rounded-md border bg-background p-2', invalid && 'border-destructive/50')}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-6 text-xs font-medium text-muted-foreground tabular-nums" aria-hidden="true">
          {path}
        </span>
        <Select value={leaf.field || undefined} onValueChange={onFieldChange} disabled={shared.disabled}>
          <SelectTrigger
            ref={fieldRef}
            className="w-40"
            aria-label={t('condition.field', { leaf: leafName })}
            aria-invalid={invalid && visibleIssues.some((i) => i === 'field_required' || i === 'unknown_field') ? true : undefined}
            aria-describedby={describedBy}
          >
            <SelectValue placeholder={t('condition.fieldPlaceholder')} />
          </SelectTrigger>
          <SelectContent>
            {shared.fields.map((f) => (
              <SelectItem key={f.key} value={f.key}>
                {f.label}
              </SelectItem>
            ))}
            {leaf.field && !field && <SelectItem value={leaf.field}>{leaf.field}</SelectItem>}
          </SelectContent>
        </Select>
        <Select value={leaf.operator || undefined} onValueChange={onOperatorChange} disabled={shared.disabled || !field}>
          <SelectTrigger
            className="w-44"
            aria-label={t('condition.operator', { leaf: leafName })}
            aria-invalid={visibleIssues.some((i) => i === 'operator_required' || i === 'operator_not_supported' || i === 'change_operator_not_allowed') ? true : undefined}
            aria-describedby={describedBy}
          >
            <SelectValue placeholder={t('condition.operatorPlaceholder')} />
          </SelectTrigger>
          <SelectContent>
            {operators.map((op) => (
              <SelectItem key={op} value={op}>
                {operatorText(op, field?.type, t)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <div className="min-w-40 flex-1">
          <ValueInput leaf={leaf} field={field} leafName={leafName} invalid={visibleIssues.some((i) => i !== 'field_required' && i !== 'operator_required')} describedBy={describedBy} disabled={shared.disabled} onChange={set} />
        </div>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="text-muted-foreground"
          disabled={shared.disabled}
          aria-label={t('condition.removeLeaf', { leaf: leafName })}
          onClick={() => shared.remove(leaf.id)}
        >
          <Trash2 aria-hidden="true" />
        </Button>
      </div>
      {invalid && (
        <ul id={issueId} className="mt-1 space-y-0.5 pl-8 text-sm text-destructive">
          {visibleIssues.map((issue) => (
            <li key={issue}>{t(`condition.issues.${issue}`)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ValueInput({
  leaf,
  field,
  leafName,
  invalid,
  describedBy,
  disabled,
  onChange,
}: {
  leaf: EditorLeaf;
  field: FieldDefinition | undefined;
  leafName: string;
  invalid: boolean;
  describedBy: string | undefined;
  disabled?: boolean;
  onChange: (patch: Partial<EditorLeaf>) => void;
}) {
  const { t } = useTranslation('automations');
  const label = t('condition.value', { leaf: leafName });
  if (!field || !leaf.operator || needsNoValue(leaf.operator)) return null;
  const common = { 'aria-label': label, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, disabled };

  if (field.type === 'select') {
    const options = field.options ?? [];
    if (isListOperator(leaf.operator)) {
      return (
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 rounded-md border px-3 py-2" aria-describedby={describedBy} disabled={disabled}>
          <legend className="sr-only">{label}</legend>
          {options.map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={leaf.values.includes(option)}
                onChange={(e) => onChange({ values: e.target.checked ? [...leaf.values, option] : leaf.values.filter((v) => v !== option) })}
              />
              {option}
            </label>
          ))}
        </fieldset>
      );
    }
    const known = options.includes(leaf.value);
    return (
      <Select value={leaf.value || undefined} onValueChange={(value) => onChange({ value })} disabled={disabled}>
        <SelectTrigger className="w-full" {...common}>
          <SelectValue placeholder={t('condition.selectPlaceholder')} />
        </SelectTrigger>
        <SelectContent>
          {options.map((option) => (
            <SelectItem key={option} value={option}>
              {option}
            </SelectItem>
          ))}
          {leaf.value && !known && <SelectItem value={leaf.value}>{leaf.value}</SelectItem>}
        </SelectContent>
      </Select>
    );
  }

  if (isListOperator(leaf.operator)) {
    return <Input {...common} value={leaf.value} placeholder={t('condition.listPlaceholder')} onChange={(e) => onChange({ value: e.target.value })} />;
  }
  if (field.type === 'number') {
    return <Input {...common} type="text" inputMode="decimal" value={leaf.value} placeholder={t('condition.valuePlaceholder')} onChange={(e) => onChange({ value: e.target.value })} />;
  }
  if (field.type === 'date') {
    return <DateInput {...common} value={leaf.value} onChange={(day) => onChange({ value: day })} />;
  }
  return (
    <Input
      {...common}
      type="text"
      inputMode={field.type === 'phone' ? 'tel' : undefined}
      value={leaf.value}
      placeholder={t('condition.valuePlaceholder')}
      onChange={(e) => onChange({ value: e.target.value })}
    />
  );
}
