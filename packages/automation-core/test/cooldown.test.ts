import { describe, expect, it } from 'vitest';
import { DEFAULT_COOLDOWN_HOURS, checkCooldown, cooldownHoursSchema } from '../src/index.ts';

const last = new Date('2026-03-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('checkCooldown', () => {
  it('allows when nothing was sent yet', () => {
    expect(checkCooldown({ lastSentAt: null, cooldownHours: 1, now: last })).toEqual({ allowed: true });
  });

  it('blocks inside the window and says until when', () => {
    expect(
      checkCooldown({ lastSentAt: last, cooldownHours: 1, now: at('2026-03-01T00:59:59.999Z') }),
    ).toEqual({
      allowed: false,
      until: at('2026-03-01T01:00:00Z'),
    });
    expect(checkCooldown({ lastSentAt: last, cooldownHours: 1, now: last })).toEqual({
      allowed: false,
      until: at('2026-03-01T01:00:00Z'),
    });
  });

  it('allows exactly at the boundary and after it', () => {
    expect(checkCooldown({ lastSentAt: last, cooldownHours: 1, now: at('2026-03-01T01:00:00Z') })).toEqual({
      allowed: true,
    });
    expect(checkCooldown({ lastSentAt: last, cooldownHours: 24, now: at('2026-03-02T00:00:00Z') })).toEqual({
      allowed: true,
    });
  });

  it('0 hours means no cooldown', () => {
    expect(checkCooldown({ lastSentAt: last, cooldownHours: 0, now: last })).toEqual({ allowed: true });
  });

  it('an unusable cooldown falls back to the default, not to none', () => {
    for (const cooldownHours of [Number.NaN, -1, Infinity]) {
      expect(checkCooldown({ lastSentAt: last, cooldownHours, now: last })).toEqual({
        allowed: false,
        until: new Date(last.getTime() + DEFAULT_COOLDOWN_HOURS * 3_600_000),
      });
    }
  });

  it('an invalid last send time does not block', () => {
    expect(checkCooldown({ lastSentAt: new Date(Number.NaN), cooldownHours: 1, now: last })).toEqual({
      allowed: true,
    });
  });

  it('a send time in the future (clock skew) blocks until its window ends', () => {
    const decision = checkCooldown({ lastSentAt: at('2026-03-01T02:00:00Z'), cooldownHours: 1, now: last });
    expect(decision).toEqual({ allowed: false, until: at('2026-03-01T03:00:00Z') });
  });
});

describe('cooldownHoursSchema', () => {
  it('defaults to 1 hour and bounds the value', () => {
    expect(cooldownHoursSchema.parse(undefined)).toBe(1);
    expect(cooldownHoursSchema.parse(0)).toBe(0);
    expect(cooldownHoursSchema.safeParse(-1).success).toBe(false);
    expect(cooldownHoursSchema.safeParse(1.5).success).toBe(false);
    expect(cooldownHoursSchema.safeParse(721).success).toBe(false);
    expect(cooldownHoursSchema.safeParse('1').error?.issues[0]?.message).toBe(
      'Cooldown must be a number of hours',
    );
  });
});
