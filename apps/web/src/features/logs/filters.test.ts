import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import logsKo from '@/i18n/namespaces/logs.ko.json';
import type { Translate } from '@/features/records/event-sentence';
import { hasLogFilters, isDay, logsHref, parseLogFilters, serializeLogFilters, toSendLogQuery } from './filters';
import { sendLogMessage } from './messages';

const RULE = '3f1c2a9e-7b6d-4e21-9a0b-2c4d6e8f0a1b';

describe('log filters in the URL', () => {
  it('reads known values and drops anything unreadable', () => {
    const params = new URLSearchParams(`trigger=auto&status=failed&rule=${RULE}&template=SF_WELCOME&recipient=010-1234&from=2026-03-01&to=2026-03-31`);
    expect(parseLogFilters(params)).toEqual({
      trigger: 'auto',
      status: 'failed',
      rule: RULE,
      template: 'SF_WELCOME',
      recipient: '010-1234',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    const junk = new URLSearchParams('trigger=sometimes&status=lost&rule=42&record=x&from=2026-02-30&to=yesterday&recipient=%20%20');
    expect(parseLogFilters(junk)).toEqual({});
  });

  it('writes keys in a fixed order, skips empties, and keeps other parameters', () => {
    const keep = new URLSearchParams('log=abc&status=pending');
    const out = serializeLogFilters({ to: '2026-03-31', status: 'failed', trigger: 'auto', recipient: '' }, keep);
    expect(out.toString()).toBe('trigger=auto&status=failed&to=2026-03-31&log=abc');
  });

  it('round-trips', () => {
    const filters = { trigger: 'repeat', status: 'delivered', rule: RULE, from: '2026-01-01' } as const;
    expect(parseLogFilters(serializeLogFilters(filters))).toEqual(filters);
    expect(hasLogFilters({})).toBe(false);
    expect(hasLogFilters({ status: 'failed' })).toBe(true);
  });

  it('builds links into the explorer', () => {
    expect(logsHref({ status: 'failed' })).toBe('/logs?status=failed');
    expect(logsHref({})).toBe('/logs');
  });

  it('knows a real day from a lookalike', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-3-1')).toBe(false);
  });
});

describe('filters → API input', () => {
  it('renames to the API fields and keeps only the digits of the number', () => {
    expect(toSendLogQuery({ trigger: 'auto', status: 'failed', rule: RULE, template: 'SF_WELCOME', recipient: '010-1234', record: RULE })).toEqual({
      triggerType: 'auto',
      status: 'failed',
      linkId: RULE,
      templateCode: 'SF_WELCOME',
      recordId: RULE,
      recipient: '0101234',
    });
  });

  it('drops a recipient without digits and reads a reversed range the way it was meant', () => {
    expect(toSendLogQuery({ recipient: 'abc' })).toEqual({});
    expect(toSendLogQuery({ from: '2026-03-31', to: '2026-03-01' })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
});

describe('sendLogMessage', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'ko', resources: { ko: { logs: logsKo } }, initAsync: false, showSupportNotice: false, interpolation: { escapeValue: false } });
  const t = i18n.getFixedT('ko', 'logs') as unknown as Translate;
  const base = { reason: null, resultCode: null, resultMessage: null };

  it('words the reason and adds NHN’s code for failures', () => {
    expect(sendLogMessage({ ...base, status: 'failed', reason: 'nhn_refused', resultCode: '-3005', resultMessage: 'Please check template status.' }, t)).toBe(
      'NHN이 발송을 거절함 (-3005 Please check template status.)',
    );
    expect(sendLogMessage({ ...base, status: 'skipped', reason: 'invalid_phone', resultMessage: 'Recipient field: landline' }, t)).toBe('휴대전화 번호가 아님');
  });

  it('says where a send is on its way', () => {
    expect(sendLogMessage({ ...base, status: 'pending' }, t)).toBe('발송 준비 중');
    expect(sendLogMessage({ ...base, status: 'pending', resultMessage: 'Retry of abc' }, t)).toBe('실패한 발송의 재시도');
    expect(sendLogMessage({ ...base, status: 'accepted', resultCode: '0', resultMessage: '성공' }, t)).toBe('NHN이 접수함 · 전달 결과 기다리는 중');
    expect(sendLogMessage({ ...base, status: 'delivered' }, t)).toBe('카카오톡으로 전달됨');
    // After a KakaoTalk failure, what the text message did.
    const notKakao = { ...base, status: 'failed', reason: 'delivery_failed', resultCode: '0', resultMessage: '톡 유저 아님' };
    expect(sendLogMessage({ ...notKakao, fallbackStatus: 'sent' }, t)).toBe(`${sendLogMessage(notKakao, t)} · 문자로 대체 발송됨`);
    expect(sendLogMessage({ ...notKakao, fallbackStatus: 'failed' }, t)).toBe(`${sendLogMessage(notKakao, t)} · 문자 대체 발송 실패`);
    expect(sendLogMessage({ ...notKakao, fallbackStatus: null }, t)).toBe(sendLogMessage(notKakao, t));
    expect(sendLogMessage({ ...base, status: 'failed', reason: 'mystery', resultCode: 'X1' }, t)).toBe('X1');
  });
});
