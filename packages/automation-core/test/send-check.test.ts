import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPROVED_TEMPLATE_STATUS,
  NHN_MAX_MESSAGE_LENGTH,
  NHN_MAX_VALUE_LENGTH,
  NHN_MAX_VARIABLES,
  RENDER_SKIP_REASONS,
  checkSend,
  isRenderSkipReason,
  type SendCheckInput,
} from '../src/index.ts';
import { fields } from './fixtures.ts';

const now = new Date('2026-03-01T12:00:00Z');
const base = (overrides: Partial<SendCheckInput> = {}): SendCheckInput => ({
  link: { recipientField: 'phone', variableMappings: { 이름: 'name' }, cooldownHours: 1 },
  template: { templateCode: 'WELCOME', content: '#{이름}님 안녕하세요', status: APPROVED_TEMPLATE_STATUS },
  record: { name: '김민수', phone: '01012345678' },
  fields,
  now,
  ...overrides,
});

describe('checkSend', () => {
  it('sends the rendered message to the normalised number', () => {
    const result = checkSend(base({ record: { name: ' 김민수 ', phone: '010-1234-5678' } }));
    expect(result).toMatchObject({
      action: 'send',
      recipientNo: '01012345678',
      text: '김민수님 안녕하세요',
      templateParameter: { 이름: '김민수' },
    });
  });

  it('skips an unapproved template first and still lists every other problem', () => {
    const result = checkSend(base({ template: { templateCode: 'T1', content: '#{이름}', status: 'TSC02' }, record: { phone: '0212345678' } }));
    expect(result.action).toBe('skip');
    if (result.action !== 'skip') return;
    expect(result.skip).toEqual({ reason: 'template_not_approved', message: 'Template T1 is not approved (status TSC02).', detail: {} });
    expect(result.problems.map((p) => p.reason)).toEqual(['template_not_approved', 'invalid_phone', 'missing_value']);
  });

  it('skips a number AlimTalk cannot reach, naming the field', () => {
    const result = checkSend(base({ record: { name: '김', phone: '02-123-4567' } }));
    expect(result).toMatchObject({ action: 'skip', skip: { reason: 'invalid_phone', message: expect.stringMatching(/^Recipient field "phone": /) } });
  });

  it('sends to a given recipient instead of the record field (a test send)', () => {
    const result = checkSend(base({ record: { name: '김' }, recipient: '010 9999 0000' }));
    expect(result).toMatchObject({ action: 'send', recipientNo: '01099990000' });
  });

  it('gives each render problem its own reason with the variable and the limit', () => {
    const long = 'a'.repeat(NHN_MAX_VALUE_LENGTH + 1);
    expect(checkSend(base({ record: { name: long, phone: '01012345678' } }))).toMatchObject({
      action: 'skip',
      skip: { reason: 'value_too_long', detail: { variable: '이름', length: NHN_MAX_VALUE_LENGTH + 1, limit: NHN_MAX_VALUE_LENGTH } },
    });
    expect(checkSend(base({ record: { phone: '01012345678' } }))).toMatchObject({
      action: 'skip',
      skip: { reason: 'missing_value', detail: { variable: '이름' } },
    });
    expect(checkSend(base({ link: { recipientField: 'phone', variableMappings: {}, cooldownHours: 1 } }))).toMatchObject({
      action: 'skip',
      skip: { reason: 'unmapped_variable', message: '#{이름} is not mapped to a field', detail: { variable: '이름' } },
    });
    const filler = 'x'.repeat(NHN_MAX_MESSAGE_LENGTH);
    expect(checkSend(base({ template: { templateCode: 'T', content: `${filler}#{이름}`, status: APPROVED_TEMPLATE_STATUS } }))).toMatchObject({
      action: 'skip',
      skip: { reason: 'message_too_long', detail: { length: NHN_MAX_MESSAGE_LENGTH + 3, limit: NHN_MAX_MESSAGE_LENGTH } },
    });
    const many = Array.from({ length: NHN_MAX_VARIABLES + 1 }, (_, i) => `#{v${i}}`).join('');
    const mappings = Object.fromEntries(Array.from({ length: NHN_MAX_VARIABLES + 1 }, (_, i) => [`v${i}`, 'name']));
    expect(
      checkSend(base({ link: { recipientField: 'phone', variableMappings: mappings, cooldownHours: 1 }, template: { templateCode: 'T', content: many, status: APPROVED_TEMPLATE_STATUS } })),
    ).toMatchObject({ action: 'skip', skip: { reason: 'too_many_variables', detail: { length: NHN_MAX_VARIABLES + 1, limit: NHN_MAX_VARIABLES } } });
  });

  it('names every render problem in the message and the first in the reason', () => {
    const result = checkSend(
      base({
        link: { recipientField: 'phone', variableMappings: { 이름: 'name' }, cooldownHours: 1 },
        template: { templateCode: 'T', content: '#{연락처} #{이름}', status: APPROVED_TEMPLATE_STATUS },
        record: { phone: '01012345678' },
      }),
    );
    expect(result).toMatchObject({
      action: 'skip',
      skip: { reason: 'unmapped_variable', message: '#{연락처} is not mapped to a field; #{이름}: the record has no value for "이름"' },
    });
  });

  it('asks the cooldown only when given the last send, and only when nothing else stops the send', () => {
    const lastSentAt = new Date(now.getTime() - 30 * 60_000);
    expect(checkSend(base()).action).toBe('send');
    expect(checkSend(base({ lastSentAt: null })).action).toBe('send');
    expect(checkSend(base({ lastSentAt }))).toMatchObject({
      action: 'skip',
      skip: { reason: 'cooldown', detail: { until: new Date(lastSentAt.getTime() + 3_600_000) } },
    });
    expect(checkSend(base({ lastSentAt, record: { name: '김', phone: 'x' } }))).toMatchObject({
      action: 'skip',
      problems: [{ reason: 'invalid_phone' }],
    });
    expect(checkSend(base({ lastSentAt: new Date(now.getTime() - 3_600_000) })).action).toBe('send');
  });

  it('never throws and always decides, whatever the record holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.option(fc.date({ noInvalidDate: true }), { nil: undefined }), (record, lastSentAt) => {
        const result = checkSend(base({ record, ...(lastSentAt === undefined ? {} : { lastSentAt }) }));
        if (result.action === 'send') {
          expect(result.phone.ok && result.rendered.ok).toBe(true);
        } else {
          expect(result.problems[0]).toBe(result.skip);
          expect(result.problems.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('isRenderSkipReason', () => {
  it('reads the split reasons and the old catch-all, nothing else', () => {
    for (const reason of RENDER_SKIP_REASONS) expect(isRenderSkipReason(reason)).toBe(true);
    expect(isRenderSkipReason('render_failed')).toBe(true);
    expect(isRenderSkipReason('cooldown')).toBe(false);
    expect(isRenderSkipReason(null)).toBe(false);
  });
});
