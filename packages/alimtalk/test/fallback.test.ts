/** SMS/LMS fallback: the client sends resendParameter per recipient; the fake knows numbers not on KakaoTalk. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlimtalkProvider, DeliveryResult, SendRecipient } from '../src/index.ts';
import { SANDBOX_NON_KAKAO_NUMBERS, type FakeNhnServer } from '../src/fake/index.ts';
import { creds, startTestFake, waitFor, welcome } from './helpers.ts';

let fake: FakeNhnServer;
let nhn: AlimtalkProvider;
beforeEach(async () => {
  const started = await startTestFake({ deliveryDelayMs: 30 });
  fake = started.fake;
  nhn = started.client();
});
afterEach(() => fake.close());

const sms = { isResend: true, resendType: 'SMS', resendContent: '홍길동님 안내', resendSendNo: '0212345678' } as const;

async function resultsOf(recipients: SendRecipient[]): Promise<DeliveryResult[]> {
  const startedAt = new Date(Date.now() - 60_000);
  const sent = await nhn.sendBatch({ senderKey: creds.senderKey, templateCode: 'SF_WELCOME', recipients });
  expect(sent.results.every((r) => r.accepted)).toBe(true);
  return waitFor(async () => {
    const all = await nhn.fetchDeliveryResults({ startUpdateDate: startedAt, endUpdateDate: new Date(Date.now() + 60_000) });
    const mine = sent.results.map((r) => all.find((d) => d.requestId === r.requestId && d.recipientSeq === r.recipientSeq));
    return mine.every(Boolean) ? (mine as DeliveryResult[]) : undefined;
  }, 5_000);
}

describe('resendParameter', () => {
  it('goes out per recipient as given, and is absent when the caller sets none', async () => {
    await nhn.sendBatch({
      senderKey: creds.senderKey,
      templateCode: 'SF_WELCOME',
      recipients: [{ ...welcome('01011112222', 'a'), resendParameter: sms }, welcome('01011113333', 'b')],
    });
    const [a, b] = fake.received();
    expect(a!.resendParameter).toEqual({ ...sms, resendTitle: null });
    expect(b!.resendParameter).toBeNull();
  });
});

describe('numbers not on KakaoTalk', () => {
  it('end 3019 with the fallback sent (RSC04); a KakaoTalk number is delivered with no fallback (RSC01)', async () => {
    fake.setNonKakao('01022224444');
    const [notKakao, onKakao] = await resultsOf([
      { ...welcome('01022224444', 'x'), resendParameter: sms },
      { ...welcome('01022225555', 'y'), resendParameter: sms },
    ]);
    expect(notKakao).toMatchObject({ messageStatus: 'FAILED', resultCode: '3019', resendStatus: 'RSC04', resendResultCode: '0' });
    expect(onKakao).toMatchObject({ messageStatus: 'COMPLETED', resultCode: '1000', resendStatus: 'RSC01', resendResultCode: null });
  });

  it('report a failed fallback (RSC05) when scripted so, or when the fallback cannot be sent (no sender number)', async () => {
    fake.setNonKakao('01033334444', 'failed');
    fake.setNonKakao('01033335555', 'sent');
    const [scripted, unsendable, notAsked] = await resultsOf([
      { ...welcome('01033334444', 'p'), resendParameter: sms },
      { ...welcome('01033335555', 'q'), resendParameter: { isResend: true, resendType: 'LMS', resendContent: '안내' } },
      { ...welcome('01033335555', 'r'), resendParameter: { isResend: false } },
    ]);
    expect(scripted).toMatchObject({ resultCode: '3019', resendStatus: 'RSC05' });
    expect(unsendable).toMatchObject({ resultCode: '3019', resendStatus: 'RSC05' });
    expect(notAsked).toMatchObject({ resultCode: '3019', resendStatus: 'RSC01' });
  });

  it('default to the sandbox demo numbers, survive a reset, and can be added over HTTP', async () => {
    const [sentNo, failedNo] = Object.keys(SANDBOX_NON_KAKAO_NUMBERS);
    fake.reset();
    const res = await fetch(`${fake.url}/_fake/non-kakao`, { method: 'POST', body: JSON.stringify({ recipientNo: '01044445555', fallback: 'failed' }) });
    expect(res.status).toBe(200);
    const bad = await fetch(`${fake.url}/_fake/non-kakao`, { method: 'POST', body: JSON.stringify({ recipientNo: '01044445555', fallback: 'maybe' }) });
    expect(bad.status).toBe(400);
    const results = await resultsOf([sentNo!, failedNo!, '01044445555'].map((no, i) => ({ ...welcome(no, `d${i}`), resendParameter: sms })));
    expect(results.map((r) => [r.resultCode, r.resendStatus])).toEqual([
      ['3019', 'RSC04'],
      ['3019', 'RSC05'],
      ['3019', 'RSC05'],
    ]);
  });
});

describe('a fallback reported late', () => {
  it('reads in progress (RSC03) with the KakaoTalk failure, then its end, also in a later update window and by requestId', async () => {
    fake.setNonKakao('01055556666', 'sent', { reportAfterMs: 400 });
    const [first] = await resultsOf([{ ...welcome('01055556666', 'late'), resendParameter: sms }]);
    expect(first).toMatchObject({ resultCode: '3019', resendStatus: 'RSC03', resendResultCode: null });
    const failedAt = new Date();
    const later = await waitFor(async () => {
      const all = await nhn.fetchDeliveryResults({ startUpdateDate: failedAt, endUpdateDate: new Date(Date.now() + 60_000) });
      return all.find((d) => d.requestId === first!.requestId && d.resendStatus === 'RSC04');
    }, 5_000);
    expect(later).toMatchObject({ resultCode: '3019', resendResultCode: '0' });
    const [byRequest] = await nhn.findMessages({ requestId: first!.requestId });
    expect(byRequest).toMatchObject({ resendStatus: 'RSC04', resendResultCode: '0' });
  });
});
