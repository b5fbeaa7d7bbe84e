// How the new controls meet the existing decision: the frequency cap inside checkSend, and the codes the send log
// and history will carry.
import { describe, expect, it } from 'vitest';
import {
  APPROVED_TEMPLATE_STATUS,
  DEFERRING_SKIP_REASONS,
  EVENT_REASONS,
  checkSend,
  isDeferringSkipReason,
  isEventReason,
  isSendSkipReason,
  isSendWaitReason,
  type SendCheckInput,
} from '../src/index.ts';
import { fields } from './fixtures.ts';

const HOUR = 60 * 60 * 1000;
const now = new Date('2026-12-02T03:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const base = (overrides: Partial<SendCheckInput> = {}): SendCheckInput => ({
  link: { recipientField: 'phone', variableMappings: { 이름: 'name' }, cooldownHours: 1 },
  template: { templateCode: 'WELCOME', content: '#{이름}님 안녕하세요', status: APPROVED_TEMPLATE_STATUS },
  record: { name: '김민수', phone: '01012345678' },
  fields,
  now,
  ...overrides,
});
const cap = { limit: 2, periodHours: 24 };

describe('checkSend with the frequency cap', () => {
  it('sends while the number is under the cap, and without a cap', () => {
    expect(checkSend(base({ frequency: { cap, sentAt: [ago(3)] } })).action).toBe('send');
    expect(checkSend(base({ frequency: { cap: null, sentAt: [ago(1), ago(2), ago(3)] } })).action).toBe('send');
  });

  it('skips with frequency_cap, the count, the limit and when it frees up', () => {
    const result = checkSend(base({ frequency: { cap, sentAt: [ago(3), ago(10)] } }));
    expect(result).toMatchObject({
      action: 'skip',
      skip: {
        reason: 'frequency_cap',
        message: 'This number already had 2 automatic messages within 24 h (limit 2); next send allowed after 2026-12-02T17:00:00.000Z.',
        detail: { length: 2, limit: 2, until: new Date(ago(10).getTime() + 24 * HOUR) },
      },
    });
  });

  it('is asked with the cooldown only when everything else would send; both are listed, cooldown first', () => {
    const both = checkSend(base({ lastSentAt: ago(0.5), frequency: { cap, sentAt: [ago(0.5), ago(2)] } }));
    expect(both.action === 'skip' && both.problems.map((p) => p.reason)).toEqual(['cooldown', 'frequency_cap']);
    const broken = checkSend(base({ record: { phone: '01012345678' }, frequency: { cap, sentAt: [ago(1), ago(2)] } }));
    expect(broken.action === 'skip' && broken.problems.map((p) => p.reason)).toEqual(['missing_value']);
  });

  it('leaves sends the cap does not guard alone when the input is left out (manual, test)', () => {
    expect(checkSend(base()).action).toBe('send');
  });
});

describe('delivery-control codes', () => {
  it('frequency_cap is a send skip that defers like the cooldown; send_window is a wait, not a skip', () => {
    expect(isSendSkipReason('frequency_cap')).toBe(true);
    expect(DEFERRING_SKIP_REASONS.every((r) => isSendSkipReason(r))).toBe(true);
    expect(['cooldown', 'frequency_cap', 'invalid_phone'].map(isDeferringSkipReason)).toEqual([true, true, false]);
    expect(isSendWaitReason('send_window')).toBe(true);
    expect(isSendSkipReason('send_window')).toBe(false);
    expect(isEventReason('send_window') && isEventReason('frequency_cap')).toBe(true);
    expect(new Set(EVENT_REASONS).size).toBe(EVENT_REASONS.length);
  });
});
