import type { Condition } from './condition.ts';
import { isGroup } from './condition.ts';
import type { TriggerType } from './trigger.ts';

/** What decides whether two rules send the same message for the same record event. */
export type RuleIdentity = {
  id: string;
  partitionId: string;
  templateId: string;
  triggerType: TriggerType;
  triggerCondition: Condition | null;
  isActive: boolean;
};

export type RuleDraftIdentity = Omit<RuleIdentity, 'id' | 'isActive'> & { id?: string };

/**
 * The active rules that would send the draft's template to the same records on the same event — the second
 * message a lead gets from a duplicated rule. Deliberately conservative (a warning must not cry wolf): conditions
 * overlap when either side has none or both say the same thing, up to the order of a group's members and of an
 * `in` list. Manual rules are left out: nothing sends them by itself, so two of them cannot double a message.
 */
export function findOverlappingRules<T extends RuleIdentity>(draft: RuleDraftIdentity, rules: readonly T[]): T[] {
  if (draft.triggerType === 'manual') return [];
  const draftKey = conditionKey(draft.triggerCondition);
  return rules.filter(
    (rule) =>
      rule.id !== draft.id &&
      rule.isActive &&
      rule.partitionId === draft.partitionId &&
      rule.templateId === draft.templateId &&
      rule.triggerType === draft.triggerType &&
      conditionsOverlap(draftKey, conditionKey(rule.triggerCondition)),
  );
}

function conditionsOverlap(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/** A canonical text for a condition (group members and `in` lists in any order), or null for "no condition". */
export function conditionKey(condition: Condition | null | undefined): string | null {
  return condition ? JSON.stringify(normalise(condition)) : null;
}

function normalise(condition: Condition): unknown {
  if (!isGroup(condition)) {
    const value = Array.isArray(condition.value)
      ? condition.value.map((v) => JSON.stringify(v)).sort()
      : condition.value;
    return { f: condition.field, o: condition.operator, v: value ?? null };
  }
  const kind = 'all' in condition ? 'all' : 'any';
  const members = ('all' in condition ? condition.all : condition.any).map(normalise);
  // A group of one says what its member says ("all of [A]" is A, and so is "any of [A]").
  if (members.length === 1) return members[0];
  return { [kind]: members.map((m) => JSON.stringify(m)).sort() };
}
