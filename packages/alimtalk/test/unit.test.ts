import { describe, expect, it } from 'vitest';
import {
  ceilToMinute,
  deliveryOutcome,
  receivedAt,
  classifyHttpStatus,
  classifyNhnCode,
  formatKst,
  parseKst,
  ProviderError,
  renderTemplateContent,
  templateVariables,
} from '../src/index.ts';
import { isValidRecipientNo, sandboxCredentials, sandboxTemplates, seededRandom } from '../src/fake/index.ts';

describe('classifyNhnCode', () => {
  it.each([
    [0, 'ok'],
    [-1031, 'all_failed'],
    [-1005, 'duplicate'],
    [-9999, 'transient'],
    [-7000, 'transient'],
  ] as const)('%i → %s', (code, kind) => {
    expect(classifyNhnCode(code)).toBe(kind);
  });

  it.each([
    -1000, -1001, -4004, -4005, -1006, -1027, -2017, -1030, -2502, -3003, -3005, -3010, -3011, -3049, -3004,
    -1028, -2000, -2001, -2002, -2003, -2004, -2005, -2019, -2025, -2026, -2027, -3048, -4019, -5000, -8006,
    -8008, -9996, -9997, -9998,
  ])('documented permanent code %i', (code) => {
    expect(classifyNhnCode(code)).toBe('permanent');
  });

  it('unknown negative codes are permanent', () => {
    expect(classifyNhnCode(-123456)).toBe('permanent');
    expect(classifyNhnCode(-1)).toBe('permanent');
  });
});

describe('classifyHttpStatus', () => {
  it.each([
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [429, 'transient'],
    [408, 'transient'],
    [400, 'permanent'],
    [401, 'permanent'],
    [404, 'permanent'],
  ] as const)('%i → %s', (status, kind) => {
    expect(classifyHttpStatus(status)).toBe(kind);
  });
});

describe('ProviderError', () => {
  it('carries kind, code, provider message and status; JSON has no cause or extra data', () => {
    const e = new ProviderError({
      op: 'sendBatch',
      kind: 'transient',
      code: 'HTTP_503',
      providerMessage: 'busy',
      httpStatus: 503,
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ProviderError');
    expect(e.retryable).toBe(true);
    expect(e.message).toBe('sendBatch: provider error HTTP_503 (transient): busy');
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'ProviderError',
      kind: 'transient',
      code: 'HTTP_503',
      providerMessage: 'busy',
      httpStatus: 503,
      message: e.message,
    });
    expect(new ProviderError({ kind: 'duplicate', code: '-1005', providerMessage: 'x' }).retryable).toBe(
      false,
    );
  });
});

describe('KST formatting', () => {
  it('shifts UTC by +9 h, across day, month and year boundaries', () => {
    expect(formatKst(new Date('2026-02-26T01:02:03Z'))).toBe('2026-02-26 10:02:03');
    expect(formatKst(new Date('2026-02-26T01:02:03Z'), 'minute')).toBe('2026-02-26 10:02');
    expect(formatKst(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01 00:00:00');
    expect(formatKst(new Date('2026-12-31T14:59:59.999Z'))).toBe('2026-12-31 23:59:59');
    expect(formatKst(new Date('2028-02-28T15:30:00Z'), 'minute')).toBe('2028-02-29 00:30');
    expect(formatKst(new Date('2026-06-30T20:05:00Z'), 'minute')).toBe('2026-07-01 05:05');
  });

  it('does not depend on the process time zone (no DST in KST)', () => {
    // March / November: DST changes elsewhere must not move KST
    expect(formatKst(new Date('2026-03-08T10:00:00Z'))).toBe('2026-03-08 19:00:00');
    expect(formatKst(new Date('2026-11-01T10:00:00Z'))).toBe('2026-11-01 19:00:00');
  });

  it('rejects an invalid date', () => {
    expect(() => formatKst(new Date('nope'))).toThrow(RangeError);
  });

  it('parses what it formats, plus NHN fractional seconds; rejects malformed or impossible dates', () => {
    const d = new Date('2026-05-05T23:59:58Z');
    expect(parseKst(formatKst(d))?.toISOString()).toBe(d.toISOString());
    expect(parseKst('2026-05-06 08:59')?.toISOString()).toBe('2026-05-05T23:59:00.000Z');
    expect(parseKst('2018-10-04 10:40:00.0')?.toISOString()).toBe('2018-10-04T01:40:00.000Z');
    expect(parseKst('2026-02-31 10:00')).toBeNull();
    expect(parseKst('2026/02/01 10:00')).toBeNull();
    expect(parseKst('')).toBeNull();
  });

  it('ceilToMinute rounds up to the next whole minute', () => {
    expect(ceilToMinute(new Date('2026-01-01T00:00:00.001Z')).toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(ceilToMinute(new Date('2026-01-01T00:01:00.000Z')).toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });
});

describe('template variables', () => {
  it('extracts distinct #{vars} in order, including Korean names', () => {
    expect(templateVariables('#{이름}님 #{상태} 다시 #{이름}')).toEqual(['이름', '상태']);
    expect(templateVariables('변수 없음 #{} #{a')).toEqual([]);
  });
  it('renders known variables and leaves unknown ones', () => {
    expect(renderTemplateContent('#{이름}님, #{상태} / #{기타}', { 이름: '홍길동', 상태: '상담 완료' })).toBe(
      '홍길동님, 상담 완료 / #{기타}',
    );
  });
});

describe('fake helpers', () => {
  it('validates recipient numbers', () => {
    for (const ok of ['01012345678', '0101234567', '0212345678', '821012345678'])
      expect(isValidRecipientNo(ok)).toBe(true);
    for (const bad of ['', '0101', '010-1234-5678', '01512345678', '0101234567890123', 'abc'])
      expect(isValidRecipientNo(bad)).toBe(false);
  });

  it('seededRandom is deterministic per seed and within [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(seededRandom(7)());
  });

  it('sandbox credentials and templates have the shapes NHN uses', () => {
    expect(sandboxCredentials.senderKey).toHaveLength(40);
    const byCode = Object.fromEntries(sandboxTemplates.map((t) => [t.templateCode, t]));
    expect(byCode.SF_WELCOME?.templateContent).toContain(
      '#{이름}님, 문의해 주셔서 감사합니다. 담당자가 곧 연락드리겠습니다.',
    );
    expect(byCode.SF_STATUS?.templateContent).toContain('#{상태}');
    expect(sandboxTemplates.map((t) => t.status).sort()).toEqual([
      'TSC02',
      'TSC03',
      'TSC03',
      'TSC03',
      'TSC04',
    ]);
    const vars = new Set(sandboxTemplates.flatMap((t) => templateVariables(t.templateContent)));
    expect([...vars].every((v) => ['이름', '전화번호', '상태'].includes(v))).toBe(true);
    expect(sandboxTemplates.every((t) => t.templateCode.length <= 20)).toBe(true);
  });
});

describe('deliveryOutcome', () => {
  it('is delivered only for COMPLETED with 1000; other final states fail; the rest is not final', () => {
    expect(deliveryOutcome({ messageStatus: 'COMPLETED', resultCode: '1000' })).toBe('delivered');
    expect(deliveryOutcome({ messageStatus: 'COMPLETED', resultCode: '3015' })).toBe('failed');
    expect(deliveryOutcome({ messageStatus: 'FAILED', resultCode: null })).toBe('failed');
    expect(deliveryOutcome({ messageStatus: 'CANCEL', resultCode: null })).toBe('failed');
    expect(deliveryOutcome({ messageStatus: 'READY', resultCode: null })).toBeNull();
  });

  it('reads the receive date as KST, and none when missing or unreadable', () => {
    expect(receivedAt({ receiveDate: '2026-03-01 09:00:00.0' })).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(receivedAt({ receiveDate: null })).toBeNull();
    expect(receivedAt({ receiveDate: 'soon' })).toBeNull();
  });
});
