import { z } from 'zod';

/** The plan's duplicate guard: no second send for the same (link, record) within this many hours. */
export const DEFAULT_COOLDOWN_HOURS = 1;
export const MAX_COOLDOWN_HOURS = 24 * 30;
const HOUR_MS = 60 * 60 * 1000;

export const cooldownHoursSchema = z
  .number({ error: 'Cooldown must be a number of hours' })
  .int('Cooldown must be a whole number of hours')
  .min(0, 'Cooldown cannot be negative')
  .max(MAX_COOLDOWN_HOURS, `Cooldown can be at most ${MAX_COOLDOWN_HOURS} hours`)
  .default(DEFAULT_COOLDOWN_HOURS);

export type CooldownDecision = { allowed: true } | { allowed: false; until: Date };

/**
 * 0 hours = no cooldown. The window is half-open: a send exactly `cooldownHours` after the last one is allowed.
 * A cooldown that is not a usable number (NaN, negative) falls back to the default rather than to "none",
 * because the failure mode of no cooldown is messaging a customer twice.
 */
export function checkCooldown(input: {
  lastSentAt: Date | null;
  cooldownHours: number;
  now: Date;
}): CooldownDecision {
  const { lastSentAt, now } = input;
  if (lastSentAt === null || Number.isNaN(lastSentAt.getTime())) return { allowed: true };
  const hours =
    Number.isFinite(input.cooldownHours) && input.cooldownHours >= 0
      ? input.cooldownHours
      : DEFAULT_COOLDOWN_HOURS;
  if (hours === 0) return { allowed: true };
  const until = new Date(lastSentAt.getTime() + hours * HOUR_MS);
  return now.getTime() >= until.getTime() ? { allowed: true } : { allowed: false, until };
}
