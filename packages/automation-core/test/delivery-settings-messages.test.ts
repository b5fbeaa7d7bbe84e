import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_SETTINGS_MESSAGES_KO, frequencyCapSchema, ruleSendWindowSchema, sendWindowSchema } from '../src/index.ts';

// Values near and far from valid ones, so every check of the schemas gets to speak.
const field = fc.oneof(
  fc.constantFrom('09:00', '20:00', '24:00', '00:00', '25:00', '9:00', '', 'mon', 'funday', true, false, null, 0, 1, 1.5, -1, 101, 721, 24, 100, 720),
  fc.anything({ maxDepth: 1 }),
);
const days = fc.oneof(fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), fc.array(field, { maxLength: 3 }), field);
const window = fc.record({ days, start: field, end: field, skipHolidays: field }, { requiredKeys: [] });
const cap = fc.record({ limit: field, periodHours: field }, { requiredKeys: [] });
const rule = fc.oneof(fc.record({ mode: fc.constantFrom('inherit', 'always', 'custom', 'sometimes'), window }), field);

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? [] : result.error!.issues.map((i) => i.message));

describe('DELIVERY_SETTINGS_MESSAGES_KO', () => {
  it('has Korean for every message the delivery-settings schemas give, over random bad input', () => {
    fc.assert(
      fc.property(window, cap, rule, (w, c, r) => {
        for (const message of [...messages(sendWindowSchema.safeParse(w)), ...messages(frequencyCapSchema.safeParse(c)), ...messages(ruleSendWindowSchema.safeParse(r))])
          expect(DELIVERY_SETTINGS_MESSAGES_KO[message], message).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });

  it('reads as Korean', () => {
    expect(DELIVERY_SETTINGS_MESSAGES_KO['Choose at least one day']).toBe('요일을 하나 이상 고르세요');
    expect(DELIVERY_SETTINGS_MESSAGES_KO['Start must be a time like 09:00 (00:00–24:00)']).toBe('시작 시각은 09:00처럼 입력하세요 (00:00–24:00)');
    expect(DELIVERY_SETTINGS_MESSAGES_KO['The cap can be at most 100 messages']).toBe('빈도 제한은 최대 100건입니다');
  });
});
