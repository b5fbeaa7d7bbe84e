import { SMS_MAX_BYTES, toSmsText } from '@alimflow/automation-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_VALUES, fallbackPreview, fallbackToValues, sendNoIssue, valuesToFallback, type FallbackFormValues } from './fallback-draft';

const WELCOME = '#{이름}님, 문의해 주셔서 감사합니다. 담당자가 곧 연락드리겠습니다.\n\n문의 접수 연락처: #{전화번호}';
const form = (over: Partial<FallbackFormValues>): FallbackFormValues => ({ ...DEFAULT_FALLBACK_VALUES, ...over });

describe('fallback form values', () => {
  it('round-trip through the API shape; empty text means the AlimTalk text, an SMS keeps no title', () => {
    const values = form({ fallbackType: 'SMS', fallbackSendNo: '02-1234-5678', fallbackTitle: '무시됨', fallbackContent: '  ' });
    expect(valuesToFallback(values)).toEqual({ type: 'SMS', sendNo: '02-1234-5678', title: null, content: null });
    expect(valuesToFallback(form({}))).toEqual({ type: 'off' });
    expect(fallbackToValues({ type: 'LMS', sendNo: '15881234', title: '안내', content: null })).toEqual(
      form({ fallbackType: 'LMS', fallbackSendNo: '15881234', fallbackTitle: '안내' }),
    );
    expect(fallbackToValues({ type: 'off' })).toEqual(DEFAULT_FALLBACK_VALUES);
  });

  it('asks for a sender number only when a fallback is on, and says when it is not one', () => {
    expect(sendNoIssue(form({}))).toBeNull();
    expect(sendNoIssue(form({ fallbackType: 'SMS' }))).toBe('builder.errors.fallbackSendNoRequired');
    expect(sendNoIssue(form({ fallbackType: 'LMS', fallbackSendNo: '123' }))).toBe('builder.errors.fallbackSendNoInvalid');
    expect(sendNoIssue(form({ fallbackType: 'LMS', fallbackSendNo: '1588-1234' }))).toBeNull();
  });

  it('warns with the byte count when the AlimTalk text is over the SMS limit, not for LMS', () => {
    const sms = fallbackPreview(form({ fallbackType: 'SMS' }), WELCOME)!;
    const bytes = toSmsText(WELCOME).bytes;
    expect(bytes).toBeGreaterThan(SMS_MAX_BYTES);
    expect(sms.warnings).toEqual([{ code: 'content_cut', bytes, limit: SMS_MAX_BYTES }]);
    expect(fallbackPreview(form({ fallbackType: 'LMS' }), WELCOME)!.warnings).toEqual([]);
    expect(fallbackPreview(form({ fallbackType: 'SMS', fallbackContent: '짧은 안내' }), WELCOME)!.warnings).toEqual([]);
    expect(fallbackPreview(form({}), WELCOME)).toBeNull();
    expect(fallbackPreview(form({ fallbackType: 'SMS' }), undefined)).toBeNull();
  });
});
