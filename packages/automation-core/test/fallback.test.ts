import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  LMS_MAX_BYTES,
  SMS_MAX_BYTES,
  describeFallbackResult,
  FALLBACK_RESULT_HORIZON_MS,
  describeRetryRefusal,
  fallbackResult,
  fallbackSettingSchema,
  normalizeSendNo,
  planFallback,
  retryRefusal,
  type FallbackSetting,
} from '../src/index.ts';

const sms = (over: Partial<Extract<FallbackSetting, { type: 'SMS' | 'LMS' }>> = {}): FallbackSetting => ({
  type: 'SMS',
  sendNo: '0212345678',
  title: null,
  content: null,
  ...over,
});
const text = '홍길동님, 주문하신 상품이 발송되었습니다.';

describe('planFallback', () => {
  it('off says isResend false so a console default cannot send an SMS the rule did not ask for', () => {
    expect(planFallback({ type: 'off' }, text)).toEqual({ resendParameter: { isResend: false }, content: null, title: null, warnings: [] });
  });

  it('SMS sends the AlimTalk text from the sender number, with no title', () => {
    const plan = planFallback(sms({ title: '무시됨' }), text);
    expect(plan.resendParameter).toEqual({ isResend: true, resendType: 'SMS', resendContent: text, resendSendNo: '0212345678' });
    expect(plan.title).toBeNull();
    expect(plan.warnings).toEqual([]);
  });

  it('SMS cuts a long text to 90 bytes and warns with the size', () => {
    const long = '가'.repeat(50); // 100 bytes
    const plan = planFallback(sms(), long);
    expect(plan.resendParameter.resendContent).toBe('가'.repeat(45));
    expect(plan.content).toMatchObject({ bytes: 90, cut: true });
    expect(plan.warnings).toEqual([{ code: 'content_cut', bytes: 100, limit: SMS_MAX_BYTES }]);
  });

  it('LMS keeps up to 2,000 bytes and cuts its title to 40', () => {
    const long = '나'.repeat(1001);
    const plan = planFallback(sms({ type: 'LMS', title: '가'.repeat(25) }), long);
    expect(plan.resendParameter).toMatchObject({ resendType: 'LMS', resendTitle: '가'.repeat(20) });
    expect(plan.resendParameter.resendContent).toBe('나'.repeat(1000));
    expect(plan.warnings).toEqual([
      { code: 'content_cut', bytes: 2002, limit: LMS_MAX_BYTES },
      { code: 'title_cut', bytes: 50, limit: 40 },
    ]);
  });

  it('LMS without a title leaves it to NHN (the channel name)', () => {
    expect(planFallback(sms({ type: 'LMS' }), text).resendParameter).not.toHaveProperty('resendTitle');
  });

  it('uses the rule’s own fallback text over the AlimTalk text', () => {
    expect(planFallback(sms({ content: '[알림] 배송 시작' }), text).resendParameter.resendContent).toBe('[알림] 배송 시작');
  });

  it('replaces characters SMS cannot carry and warns once for body and title', () => {
    const plan = planFallback(sms({ type: 'LMS', title: '✅ 안내', content: '✅ 주문 • 완료' }), text);
    expect(plan.resendParameter).toMatchObject({ resendTitle: '? 안내', resendContent: '? 주문 ? 완료' });
    expect(plan.warnings).toEqual([{ code: 'unsupported_characters', characters: ['✅', '•'] }]);
  });
});

describe('planFallback property', () => {
  it('what it sends always fits the type’s byte limits and survives EUC-KR unchanged', () => {
    const unit = fc.oneof(fc.constantFrom('가', '힣', '똠', '★', '•', '✅', '😀', 'a', ' ', '\n'), fc.string({ minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.constantFrom('SMS' as const, 'LMS' as const), fc.string({ unit, maxLength: 1200 }), fc.option(fc.string({ unit, minLength: 1, maxLength: 40 })), (type, body, title) => {
        const { resendParameter: p } = planFallback(sms({ type, title }), body);
        for (const [text, limit] of [[p.resendContent!, type === 'SMS' ? SMS_MAX_BYTES : LMS_MAX_BYTES], [p.resendTitle ?? '', 40]] as const) {
          const bytes = iconv.encode(text, 'euc-kr');
          expect(bytes.length).toBeLessThanOrEqual(limit);
          expect(iconv.decode(bytes, 'euc-kr')).toBe(text);
        }
        if (type === 'SMS') expect(p).not.toHaveProperty('resendTitle');
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalizeSendNo', () => {
  it.each([
    ['02-1234-5678', '0212345678'],
    ['1588-1234', '15881234'],
    ['010 1234 5678', '01012345678'],
    ['(031) 123-4567', '0311234567'],
  ])('reads %s as %s', (input, value) => {
    expect(normalizeSendNo(input)).toEqual({ ok: true, value });
  });

  it.each([
    [undefined, 'Sender number is empty'],
    ['  ', 'Sender number is empty'],
    ['+82 2 1234 5678', 'Sender number may contain only digits, spaces, "-", "." and parentheses'],
    ['1234567', 'Sender number must have 8 to 13 digits and start with 0 or 1 (02-123-4567, 1588-1234)'],
    ['01234567890123', 'Sender number must have 8 to 13 digits and start with 0 or 1 (02-123-4567, 1588-1234)'],
    ['91234567', 'Sender number must have 8 to 13 digits and start with 0 or 1 (02-123-4567, 1588-1234)'],
  ])('refuses %j: %s', (input, reason) => {
    expect(normalizeSendNo(input)).toEqual({ ok: false, reason });
  });
});

describe('fallbackSettingSchema', () => {
  it('normalises the sender number and turns blank title and text into "use the default"', () => {
    expect(fallbackSettingSchema.parse({ type: 'LMS', sendNo: '02-123-4567', title: ' ', content: '' })).toEqual({
      type: 'LMS',
      sendNo: '021234567',
      title: null,
      content: null,
    });
    expect(fallbackSettingSchema.parse({ type: 'SMS', sendNo: '1588-1234' })).toEqual({ type: 'SMS', sendNo: '15881234', title: null, content: null });
    expect(fallbackSettingSchema.parse({ type: 'SMS', sendNo: '1588-1234', title: null, content: '안내' })).toMatchObject({ title: null, content: '안내' });
    expect(fallbackSettingSchema.parse({ type: 'off' })).toEqual({ type: 'off' });
  });

  it('refuses a bad setting with a specific message', () => {
    const message = (input: unknown) => fallbackSettingSchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ type: 'MMS' })).toBe('Fallback must be off, SMS or LMS');
    expect(message({ type: 'SMS' })).toBe('Sender number is required');
    expect(message({ type: 'SMS', sendNo: 'abc' })).toBe('Sender number may contain only digits, spaces, "-", "." and parentheses');
    expect(message({ type: 'LMS', sendNo: '021234567', title: 'x'.repeat(41) })).toBe('Fallback title can be at most 40 characters');
    expect(message({ type: 'LMS', sendNo: '021234567', content: 5 })).toBe('Fallback text must be text');
  });
});

describe('fallbackResult', () => {
  it('reads NHN resendStatus, and anything else as none', () => {
    expect(['RSC01', 'RSC02', 'RSC03', 'RSC04', 'RSC05'].map(fallbackResult)).toEqual(['none', 'pending', 'pending', 'sent', 'failed']);
    expect([null, undefined, '', 'RSC99', 'toString', '__proto__'].map(fallbackResult)).toEqual(['none', 'none', 'none', 'none', 'none', 'none']);
  });

  it('gives the log line in Korean and English', () => {
    expect(describeFallbackResult('sent', 'ko')).toBe('문자로 대체 발송됨');
    expect(describeFallbackResult('sent', 'en')).toBe('Sent as a text message instead');
    expect(describeFallbackResult('failed', 'ko')).toBe('문자 대체 발송 실패');
    expect(describeFallbackResult('pending', 'en')).toBe('Sending as a text message instead');
    expect(describeFallbackResult('none', 'ko')).toBeNull();
  });
});

describe('retryRefusal', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const asked = { status: 'failed', fallbackType: 'SMS', requestId: 'req-1', sentAt: hoursAgo(1) };

  it('retries a failed send unless its text-message fallback went out', () => {
    expect(retryRefusal({ status: 'failed', fallbackStatus: null }, now)).toBeNull();
    expect(retryRefusal({ ...asked, fallbackStatus: 'failed' }, now)).toBeNull();
    expect(retryRefusal({ ...asked, fallbackStatus: 'sent' }, now)).toBe('fallback_sent');
    expect(retryRefusal({ status: 'failed' }, now)).toBeNull();
  });

  it('refuses while a fallback is under way: asked for, accepted by NHN, no result yet, within the horizon', () => {
    expect(retryRefusal({ ...asked, fallbackStatus: null }, now)).toBe('fallback_pending');
    expect(retryRefusal({ ...asked, sentAt: hoursAgo(1).toISOString() }, now)).toBe('fallback_pending');
    // NHN never took the message (refused at sending): no fallback can follow.
    expect(retryRefusal({ ...asked, requestId: null }, now)).toBeNull();
    expect(retryRefusal({ ...asked, fallbackType: null }, now)).toBeNull();
    // Past the horizon no result is looked for any more.
    expect(retryRefusal({ ...asked, sentAt: new Date(now.getTime() - FALLBACK_RESULT_HORIZON_MS) }, now)).toBeNull();
    expect(retryRefusal({ ...asked, sentAt: new Date(now.getTime() - FALLBACK_RESULT_HORIZON_MS + 1) }, now)).toBe('fallback_pending');
  });

  it('never allows a retry that could give the person a second text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pending', 'accepted', 'delivered', 'failed', 'skipped'),
        fc.constantFrom(null, undefined, 'sent', 'failed'),
        fc.constantFrom(null, 'SMS', 'LMS'),
        fc.constantFrom(null, 'req-1'),
        fc.integer({ min: 0, max: 10 * 24 }),
        (status, fallbackStatus, fallbackType, requestId, ago) => {
          const refusal = retryRefusal({ status, fallbackStatus, fallbackType, requestId, sentAt: hoursAgo(ago) }, now);
          const mayStillText = fallbackStatus == null && fallbackType !== null && requestId !== null && ago < 72;
          if (status !== 'failed') expect(refusal).toBe('not_failed');
          else if (fallbackStatus === 'sent') expect(refusal).toBe('fallback_sent');
          else expect(refusal).toBe(mayStillText ? 'fallback_pending' : null);
        },
      ),
    );
  });

  it('retries a send once at a time: not while an earlier retry of it waits or went out', () => {
    expect(retryRefusal({ status: 'failed', liveRetry: true }, now)).toBe('already_retried');
    expect(retryRefusal({ ...asked, fallbackStatus: 'sent', liveRetry: true }, now)).toBe('already_retried');
    expect(retryRefusal({ status: 'failed', liveRetry: false }, now)).toBeNull();
    expect(retryRefusal({ status: 'accepted', liveRetry: true }, now)).toBe('not_failed');
    expect(describeRetryRefusal('already_retried', 'ko')).toMatch(/^이미 다시 보내는 중이거나/);
    expect(describeRetryRefusal('already_retried', 'en')).toMatch(/^This send has already been retried/);
  });

  it('never retries a send that did not fail, whatever its fallback', () => {
    for (const status of ['pending', 'accepted', 'delivered', 'skipped'])
      for (const fallbackStatus of [null, 'sent', 'failed']) expect(retryRefusal({ ...asked, status, fallbackStatus }, now)).toBe('not_failed');
  });

  it('says why in Korean and English', () => {
    expect(describeRetryRefusal('fallback_sent', 'ko')).toMatch(/^문자\(SMS\/LMS\)로 대체 발송되어 이미 전달되었습니다/);
    expect(describeRetryRefusal('fallback_sent', 'en')).toMatch(/^Already delivered as a text message/);
    expect(describeRetryRefusal('not_failed', 'ko')).toBe('실패한 발송만 다시 보낼 수 있습니다.');
    expect(describeRetryRefusal('fallback_pending', 'ko')).toMatch(/^문자\(SMS\/LMS\) 대체 발송 결과를 기다리는 중입니다/);
    expect(describeRetryRefusal('fallback_pending', 'en')).toMatch(/^The text-message \(SMS\/LMS\) fallback is still under way/);
  });
});
