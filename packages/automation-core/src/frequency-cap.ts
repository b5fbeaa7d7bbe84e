// A per-person limit across every rule: at most `limit` AlimTalk messages to one recipient number per rolling
// `periodHours`. The cooldown guards one (rule, record); this guards the customer, who does not care which rule
// or which record a message came from.
//
// Manual and test sends are neither counted nor capped. A manual send is a person choosing to write to this
// customer now (answering a question, a one-off notice): the cap must not block it, and counting it would let that
// one reply silently suppress the automatic message the customer is waiting for (a booking confirmation).
// The cap is about automation flooding someone, so only automation counts.
import { z } from 'zod';
import type { SendStatus, SendTriggerType } from './codes.ts';

export type FrequencyCap = { limit: number; periodHours: number };

export const MAX_FREQUENCY_CAP_LIMIT = 100;
export const MAX_FREQUENCY_CAP_PERIOD_HOURS = 24 * 30;
const HOUR_MS = 60 * 60 * 1000;

/** The example, offered as the builder's starting value; an org has no cap until it sets one. */
export const SUGGESTED_FREQUENCY_CAP: FrequencyCap = { limit: 3, periodHours: 24 };

export const frequencyCapSchema = z.object({
  limit: z
    .number({ error: 'The cap must be a number of messages' })
    .int('The cap must be a whole number of messages')
    .min(1, 'The cap must allow at least 1 message')
    .max(MAX_FREQUENCY_CAP_LIMIT, `The cap can be at most ${MAX_FREQUENCY_CAP_LIMIT} messages`),
  periodHours: z
    .number({ error: 'The period must be a number of hours' })
    .int('The period must be a whole number of hours')
    .min(1, 'The period must be at least 1 hour')
    .max(MAX_FREQUENCY_CAP_PERIOD_HOURS, `The period can be at most ${MAX_FREQUENCY_CAP_PERIOD_HOURS} hours`),
});

/** The triggers a cap counts and applies to (see the top of this file for why manual and test sends are not). */
export const CAPPED_TRIGGER_TYPES: readonly SendTriggerType[] = ['auto', 'repeat'];
/** A send counts once it may reach the customer: queued, accepted or delivered. Skipped and failed ones did not. */
export const CAP_COUNTED_STATUSES: readonly SendStatus[] = ['pending', 'accepted', 'delivered'];

export function isCappedTrigger(triggerType: SendTriggerType): boolean {
  return CAPPED_TRIGGER_TYPES.includes(triggerType);
}

/**
 * Whether a logged send counts toward the cap. A failed AlimTalk whose SMS fallback went out still reached the
 * customer, so it counts.
 */
export function countsTowardCap(send: { triggerType: SendTriggerType; status: SendStatus; fallbackSent?: boolean }): boolean {
  if (!isCappedTrigger(send.triggerType)) return false;
  return CAP_COUNTED_STATUSES.includes(send.status) || (send.status === 'failed' && send.fallbackSent === true);
}

export type FrequencyCapDecision =
  | { allowed: true; count: number; remaining: number }
  | { allowed: false; reason: 'frequency_cap'; count: number; limit: number; until: Date };

/**
 * `sentAt`: when each counted send to this number was made (any order; the caller filters with countsTowardCap).
 * The period is half-open like the cooldown's: a send exactly `periodHours` ago no longer counts. A send stamped
 * after `now` (another worker's clock) counts, since missing it is how N+1 would get through. `until` is the first
 * instant a send is allowed again if nothing else is sent meanwhile. `cap: null` = the org has no cap.
 */
export function checkFrequencyCap(sentAt: readonly Date[], cap: FrequencyCap | null, now: Date): FrequencyCapDecision {
  if (cap === null) return { allowed: true, count: 0, remaining: Number.POSITIVE_INFINITY };
  const periodMs = cap.periodHours * HOUR_MS;
  const from = now.getTime() - periodMs;
  const counted = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > from)
    .sort((a, b) => a - b);
  if (counted.length < cap.limit) return { allowed: true, count: counted.length, remaining: cap.limit - counted.length };
  // Enough of the oldest must leave the period to bring the count under the limit; the last of them sets the time.
  const until = new Date(counted[counted.length - cap.limit]! + periodMs);
  return { allowed: false, reason: 'frequency_cap', count: counted.length, limit: cap.limit, until };
}

/**
 * The cap as checkSend's skip shape, for the send path to add after checkSend says "send" (see the README for how
 * it plugs in); null = under the cap.
 */
export function frequencyCapSkip(
  cap: FrequencyCap | null,
  sentAt: readonly Date[],
  now: Date,
): { reason: 'frequency_cap'; message: string; detail: { length: number; limit: number; until: Date } } | null {
  const decision = checkFrequencyCap(sentAt, cap, now);
  if (decision.allowed) return null;
  return {
    reason: 'frequency_cap',
    message: `This number already had ${decision.count} automatic messages within ${cap!.periodHours} h (limit ${decision.limit}); next send allowed after ${decision.until.toISOString()}.`,
    detail: { length: decision.count, limit: decision.limit, until: decision.until },
  };
}
