import { z } from 'zod';
import type { TriggerSkipReason } from './codes.ts';
import type { Condition } from './condition.ts';
import type { TraceNode } from './evaluate.ts';
import { evaluate } from './evaluate.ts';
import type { FieldDefinition, RecordData } from './fields.ts';
import { deepEqual } from './values.ts';

export const triggerTypeSchema = z.enum(['manual', 'on_create', 'on_update']);
export type TriggerType = z.infer<typeof triggerTypeSchema>;
export const fireOnSchema = z.enum(['became_true', 'every_matching_update']);
export type FireOn = z.infer<typeof fireOnSchema>;
export const DEFAULT_FIRE_ON: FireOn = 'became_true';
export type TriggerEvent = 'create' | 'update';

export type TriggerLink = {
  triggerType: TriggerType;
  triggerCondition: Condition | null;
  fireOn: FireOn;
  isActive: boolean;
};

export type TriggerInput = {
  link: TriggerLink;
  event: TriggerEvent;
  before?: RecordData | null;
  after: RecordData;
  fields: readonly FieldDefinition[];
};

export type TriggerDecision =
  { fire: true; trace: TraceNode } | { fire: false; reason: TriggerSkipReason; trace?: TraceNode };

/**
 * Whether a link fires for one record event.
 * - on_create fires on create when the condition holds (change operators are false there: nothing came before).
 * - on_update fires only when the record really changed and the condition holds after it; with `became_true` it
 *   must also not have held before, so unrelated edits to an already-matching record do not re-send.
 *   The "before" side is evaluated as a snapshot (no earlier state), so change operators — being transitions
 *   themselves — count as not holding before.
 * - An on_update link without a condition fires on every real change, whatever `fireOn` says: "always" cannot
 *   become true, and an admin who set no condition asked for every update.
 * - An update that arrives without `before` is treated as if the condition did not hold before; the cooldown
 *   still guards against repeats.
 */
export function matchTrigger(input: TriggerInput): TriggerDecision {
  const { link, event, after, fields } = input;
  const before = input.before ?? null;
  if (!link.isActive) return { fire: false, reason: 'inactive' };
  const expected: TriggerType = event === 'create' ? 'on_create' : 'on_update';
  if (link.triggerType !== expected) return { fire: false, reason: 'trigger_mismatch' };

  if (event === 'create') {
    const { matched, trace } = evaluate(link.triggerCondition, { before: null, after, fields });
    return matched ? { fire: true, trace } : { fire: false, reason: 'condition_false', trace };
  }

  const { matched, trace } = evaluate(link.triggerCondition, { before, after, fields });
  if (!matched) return { fire: false, reason: 'condition_false', trace };
  if (before !== null && deepEqual(before, after)) return { fire: false, reason: 'not_a_transition', trace };
  if (link.fireOn === 'became_true' && link.triggerCondition !== null && before !== null) {
    const previously = evaluate(link.triggerCondition, { before: null, after: before, fields });
    if (previously.matched) return { fire: false, reason: 'not_a_transition', trace };
  }
  return { fire: true, trace };
}
