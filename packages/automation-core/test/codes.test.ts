import { describe, expect, it } from 'vitest';
import {
  DEFERRING_SKIP_REASONS,
  EVENT_REASONS,
  SEND_REASONS,
  isDeferringSkipReason,
  isDeliverySkipReason,
  isEndReason,
  isEventReason,
  isSendSkipReason,
  isSendWaitReason,
} from '../src/index.ts';

describe('delivery-control codes', () => {
  it('frequency_cap is a delivery skip that defers like the cooldown', () => {
    expect(isDeliverySkipReason('frequency_cap')).toBe(true);
    expect(DEFERRING_SKIP_REASONS.every((r) => isSendSkipReason(r) || isDeliverySkipReason(r))).toBe(true);
    expect(['cooldown', 'frequency_cap', 'invalid_phone', null].map(isDeferringSkipReason)).toEqual([true, true, false, false]);
  });

  it('send_window is a wait, not a skip', () => {
    expect(isSendWaitReason('send_window')).toBe(true);
    expect(isSendSkipReason('send_window') || isDeliverySkipReason('send_window')).toBe(false);
  });

  it('are written by the send path: both are event reasons, and a capped repeat defers rather than ending', () => {
    expect(isEventReason('send_window') && isEventReason('frequency_cap')).toBe(true);
    expect(isSendSkipReason('frequency_cap')).toBe(true);
    expect(isEndReason('frequency_cap') || isEndReason('cooldown') || isEndReason('send_window')).toBe(false);
  });

  it('every reason is listed once', () => {
    expect(new Set(EVENT_REASONS).size).toBe(EVENT_REASONS.length);
    expect(new Set(SEND_REASONS).size).toBe(SEND_REASONS.length);
  });
});
