import { z } from 'zod';
import { conditionSchema } from './condition.ts';
import type { TraceNode } from './evaluate.ts';
import { evaluate } from './evaluate.ts';
import type { FieldDefinition, RecordData } from './fields.ts';

/** The plan's guard against endless reminders: at most 10 repeat sends per series. */
export const MAX_REPEAT = 10;
/** 30 days; a longer interval is a different feature (a scheduled campaign), not a reminder. */
export const MAX_REPEAT_INTERVAL_HOURS = 24 * 30;
const HOUR_MS = 60 * 60 * 1000;

export const repeatConfigSchema = z.object({
  intervalHours: z
    .number({ error: 'Interval must be a number of hours' })
    .int('Interval must be a whole number of hours')
    .min(1, 'Interval must be at least 1 hour')
    .max(MAX_REPEAT_INTERVAL_HOURS, `Interval can be at most ${MAX_REPEAT_INTERVAL_HOURS} hours`),
  maxRepeat: z
    .number({ error: 'Maximum repeats must be a number' })
    .int('Maximum repeats must be a whole number')
    .min(1, 'Maximum repeats must be at least 1')
    .max(MAX_REPEAT, `Maximum repeats can be at most ${MAX_REPEAT}`),
  // Required: a reminder must know when the customer has answered.
  stopCondition: conditionSchema,
});
export type RepeatConfig = z.output<typeof repeatConfigSchema>;

export function nextRunAt(from: Date, config: Pick<RepeatConfig, 'intervalHours'>): Date {
  return new Date(from.getTime() + config.intervalHours * HOUR_MS);
}

/** How many repeat sends a series may make: its maxRepeat, capped — a budget above the cap (an old row, a hand edit) still stops at MAX_REPEAT. */
export function repeatBudget(config: Pick<RepeatConfig, 'maxRepeat'>): number {
  return Math.min(config.maxRepeat, MAX_REPEAT);
}

/** Whether the repeat send numbered `occurrence` (1-based) spends the series' budget, so the series ends with it. */
export function isLastRepeat(occurrence: number, config: Pick<RepeatConfig, 'maxRepeat'>): boolean {
  return !(occurrence < repeatBudget(config));
}

export type RepeatInput = {
  /** Repeat sends already made in this series; the first (automatic) send is not counted. */
  repeatCount: number;
  config: RepeatConfig;
  link: { isActive: boolean; deleted: boolean } | null;
  /** null = the record was deleted. */
  record: RecordData | null;
  fields: readonly FieldDefinition[];
};

export type RepeatDecision =
  | { action: 'send'; trace: TraceNode }
  | { action: 'complete'; reason: 'stop_condition_met' | 'max_repeat_reached'; trace?: TraceNode }
  | { action: 'cancel'; reason: 'link_inactive' | 'link_deleted' | 'record_deleted' };

/**
 * What to do with a due repeat entry. Cancel (the series lost its link or record) beats complete (it reached its
 * goal or its budget), which beats send — so a series makes at most `maxRepeat` repeat sends. The stop condition
 * sees the record as a snapshot: change operators never hold there.
 */
export function decideRepeat(input: RepeatInput): RepeatDecision {
  const { link, record, config } = input;
  if (link === null || link.deleted) return { action: 'cancel', reason: 'link_deleted' };
  if (!link.isActive) return { action: 'cancel', reason: 'link_inactive' };
  if (record === null) return { action: 'cancel', reason: 'record_deleted' };
  const { matched, trace } = evaluate(config.stopCondition, {
    before: null,
    after: record,
    fields: input.fields,
  });
  if (matched) return { action: 'complete', reason: 'stop_condition_met', trace };
  if (!(input.repeatCount < repeatBudget(config))) return { action: 'complete', reason: 'max_repeat_reached', trace };
  return { action: 'send', trace };
}
