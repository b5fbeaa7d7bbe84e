/** Fault injection: every retry class the caller has to handle, client ↔ fake over real loopback HTTP. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlimtalkProvider, SendBatchRequest, SendRecipient } from '../src/index.ts';
import type { FakeNhnServer } from '../src/fake/index.ts';
import { creds, expectNoSecrets, providerError, startTestFake, waitFor, welcome } from './helpers.ts';

let fake: FakeNhnServer;
let client: (over?: { timeoutMs?: number; secretKey?: string; appKey?: string }) => AlimtalkProvider;
let nhn: AlimtalkProvider;

beforeEach(async () => {
  ({ fake, client } = await startTestFake());
  nhn = client();
});
afterEach(async () => {
  await fake.close();
});

const req = (recipients: SendRecipient[], extra: Partial<SendBatchRequest> = {}): SendBatchRequest => ({
  senderKey: creds.senderKey,
  templateCode: 'SF_WELCOME',
  recipients,
  ...extra,
});
const SECRETS = [creds.appKey, creds.secretKey];

describe('permanent', () => {
  it('-3005: a template still in review refuses the whole call; nothing is accepted', async () => {
    const e = await providerError(
      nhn.sendBatch({ ...req([welcome('01011112222', 'a')]), templateCode: 'SF_VISIT' }),
    );
    expect(e).toMatchObject({ kind: 'permanent', code: '-3005', retryable: false });
    expect(fake.received()).toEqual([
      expect.objectContaining({ accepted: false, resultCode: -3005, recipientGroupingKey: 'a' }),
    ]);
  });

  it('-3005 also for a rejected template (TSC04)', async () => {
    const e = await providerError(
      nhn.sendBatch({
        ...req([{ recipientNo: '01011112222', templateParameter: { 이름: 'x' }, recipientGroupingKey: 'a' }]),
        templateCode: 'SF_PROMO',
      }),
    );
    expect(e.code).toBe('-3005');
  });

  it('-1001: a wrong secret is permanent and nothing reaches the send path', async () => {
    const e = await providerError(
      client({ secretKey: 'nope-LEAK-999' }).sendBatch(req([welcome('01011112222', 'a')])),
    );
    expect(e).toMatchObject({ kind: 'permanent', code: '-1001', httpStatus: 200 });
    expect(fake.received()).toEqual([]);
    expectNoSecrets(e, [...SECRETS, 'nope-LEAK-999']);
  });
});

describe('transient', () => {
  it('HTTP 500 is transient; the retry with the same idempotency key then succeeds', async () => {
    fake.faults.http500();
    const r = req([welcome('01011112222', 'a')], { idempotencyKey: 'idem-500' });
    const e = await providerError(nhn.sendBatch(r));
    expect(e).toMatchObject({ kind: 'transient', code: 'HTTP_500', httpStatus: 500, retryable: true });
    expectNoSecrets(e, SECRETS);
    const ok = await nhn.sendBatch(r);
    expect(ok.results[0]).toMatchObject({ accepted: true });
    expect(fake.received().filter((m) => m.accepted)).toHaveLength(1);
  });

  it('HTTP 503 and 429 are transient with their status in the code', async () => {
    fake.faults.http500(1, 'all', 503).http500(1, 'all', 429);
    expect((await providerError(nhn.listTemplates(creds.senderKey))).code).toBe('HTTP_503');
    const e = await providerError(nhn.listTemplates(creds.senderKey));
    expect(e).toMatchObject({ code: 'HTTP_429', kind: 'transient' });
  });

  it('-9999 and -7000 in an HTTP 200 envelope are transient', async () => {
    fake.faults.nhnError(-9999).nhnError(-7000);
    const e1 = await providerError(nhn.sendBatch(req([welcome('01011112222', 'a')])));
    expect(e1).toMatchObject({ kind: 'transient', code: '-9999', httpStatus: 200 });
    const e2 = await providerError(nhn.sendBatch(req([welcome('01011112222', 'a')])));
    expect(e2).toMatchObject({ kind: 'transient', code: '-7000' });
    expect(fake.received()).toEqual([]);
  });

  it('a slow answer beyond timeoutMs is a transient TIMEOUT; the next call works', async () => {
    fake.faults.slow(1500);
    const quick = client({ timeoutMs: 150 });
    const t0 = Date.now();
    const e = await providerError(quick.listTemplates(creds.senderKey));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(e).toMatchObject({ kind: 'transient', code: 'TIMEOUT' });
    expectNoSecrets(e, SECRETS);
    expect((await quick.listTemplates(creds.senderKey)).length).toBe(5);
  });

  it('a slow answer within timeoutMs is just slow', async () => {
    fake.faults.slow(200);
    const t0 = Date.now();
    expect(await nhn.listTemplates(creds.senderKey)).toHaveLength(5);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('a dropped connection is a transient NETWORK error', async () => {
    await nhn.listTemplates(creds.senderKey); // warm a keep-alive connection first
    fake.faults.drop();
    const e = await providerError(nhn.sendBatch(req([welcome('01011112222', 'a')])));
    expect(e).toMatchObject({ kind: 'transient', code: 'NETWORK' });
    expect(e.httpStatus).toBeUndefined();
    expectNoSecrets(e, SECRETS);
    expect(fake.received()).toEqual([]);
  });

  it('an unreachable server is a transient NETWORK error', async () => {
    const url = fake.url;
    await fake.close();
    const { createNhnClient } = await import('../src/index.ts');
    const e = await providerError(
      createNhnClient({ baseUrl: url, ...creds, timeoutMs: 1000 }).listTemplates(creds.senderKey),
    );
    expect(e).toMatchObject({ kind: 'transient', code: 'NETWORK' });
    ({ fake } = await startTestFake()); // afterEach closes it
  });

  it('a seeded failure rate is reproducible', async () => {
    const run = async () => {
      fake.faults.setFailureRate({ rate: 0.5, seed: 42, kinds: ['http500', 'nhnError'], scope: 'templates' });
      const outcome: string[] = [];
      for (let i = 0; i < 16; i++) {
        outcome.push(
          await nhn.listTemplates(creds.senderKey).then(
            () => 'ok',
            (e: unknown) => (e as { code: string }).code,
          ),
        );
      }
      fake.faults.setFailureRate(null);
      return outcome;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a).toContain('ok');
    expect(a.some((o) => o === 'HTTP_500' || o === '-9999')).toBe(true);
    // scope: sends are not affected by a templates-only rate
    fake.faults.setFailureRate({ rate: 1, seed: 1, scope: 'templates' });
    expect((await nhn.sendBatch(req([welcome('01011112222', 'a')]))).results[0]!.accepted).toBe(true);
  });
});

describe('duplicate', () => {
  it('-1005: the same idempotency key within the TTL', async () => {
    const r = req([welcome('01011112222', 'a')], { idempotencyKey: 'idem-dup' });
    await nhn.sendBatch(r);
    const e = await providerError(nhn.sendBatch(r));
    expect(e).toMatchObject({ kind: 'duplicate', code: '-1005', retryable: false });
    expect(fake.received().filter((m) => m.accepted)).toHaveLength(1);
  });

  it('accepted but the answer was lost: retry → -1005 → reconcile by recipientGroupingKey', async () => {
    const start = new Date(Date.now() - 60_000);
    fake.faults.dropAfterProcess();
    const r = req([welcome('01011112222', 'log-77')], { idempotencyKey: 'idem-lost' });
    expect((await providerError(nhn.sendBatch(r))).code).toBe('NETWORK');
    expect((await providerError(nhn.sendBatch(r))).kind).toBe('duplicate');
    const found = await nhn.findMessages({
      startRequestDate: start,
      endRequestDate: new Date(),
      recipientGroupingKey: 'log-77',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      recipientGroupingKey: 'log-77',
      recipientNo: '01011112222',
      recipientSeq: 1,
    });
  });
});

describe('all failed and partial failure', () => {
  it('-1031: every recipient refused → resolves, no requestId, each recipient with its own code', async () => {
    const res = await nhn.sendBatch(
      req([
        welcome('0101', 'bad-number'),
        {
          recipientNo: '01011112222',
          templateParameter: { 이름: '김' },
          recipientGroupingKey: 'missing-param',
        },
        welcome('01033334444', 'too-long', 'ㄱ'.repeat(1300)),
      ]),
    );
    expect(res.requestId).toBeNull();
    expect(
      res.results.map((r) => [r.recipientGroupingKey, r.accepted, r.resultCode, r.errorKind, r.requestId]),
    ).toEqual([
      ['bad-number', false, '-4019', 'permanent', null],
      ['missing-param', false, '-3049', 'permanent', null],
      ['too-long', false, '-2019', 'permanent', null],
    ]);
    expect(fake.received().every((m) => !m.accepted && m.requestId === null)).toBe(true);
  });

  it('partial: refused recipients are reported, the others accepted under one requestId', async () => {
    const res = await nhn.sendBatch(
      req([welcome('01011112222', 'ok-1'), welcome('02-123', 'bad'), welcome('01055556666', 'ok-2')]),
    );
    expect(res.requestId).toMatch(/^\d{14}/);
    expect(
      res.results.map((r) => [r.recipientGroupingKey, r.accepted, r.recipientSeq, r.resultCode]),
    ).toEqual([
      ['ok-1', true, 1, '0'],
      ['bad', false, 2, '-4019'],
      ['ok-2', true, 3, '0'],
    ]);
    expect(res.results.every((r) => r.requestId === res.requestId)).toBe(true);
    const stored = await nhn.findMessages({ requestId: res.requestId! });
    expect(stored.map((m) => m.recipientGroupingKey).sort()).toEqual(['ok-1', 'ok-2']);
  });
});

describe('more than 1,000 recipients', () => {
  const many = (n: number, bad: number[] = []) =>
    Array.from({ length: n }, (_, i) =>
      welcome(bad.includes(i) ? '0000' : `0101${String(i).padStart(7, '0')}`, `log-${i}`),
    );

  it('splits into calls of ≤ 1,000, keeps order, and keys each chunk', async () => {
    const res = await nhn.sendBatch(req(many(2500, [0, 1500, 2499]), { idempotencyKey: 'big' }));
    expect(res.results).toHaveLength(2500);
    expect(res.results.map((r) => r.recipientGroupingKey)).toEqual(
      many(2500).map((r) => r.recipientGroupingKey),
    );
    const ids = [...new Set(res.results.map((r) => r.requestId))];
    expect(ids).toHaveLength(3);
    expect(res.requestId).toBe(ids[0]);
    expect(res.results[1000]!.recipientSeq).toBe(1);
    expect(res.results[2499]!.recipientSeq).toBe(500);
    expect(res.results.filter((r) => !r.accepted).map((r) => [r.recipientGroupingKey, r.resultCode])).toEqual(
      [
        ['log-0', '-4019'],
        ['log-1500', '-4019'],
        ['log-2499', '-4019'],
      ],
    );
    const received = fake.received();
    expect(new Set(received.map((m) => m.idempotencyKey))).toEqual(new Set(['big', 'big:1', 'big:2']));
    expect(received.filter((m) => m.accepted)).toHaveLength(2497);
  });

  it('a failed chunk among accepted ones comes back per recipient instead of throwing', async () => {
    fake.faults.slow(0).http500(); // the first call passes (slow 0 ms), the second gets HTTP 500
    const res = await nhn.sendBatch(req(many(1500)));
    expect(res.results.slice(0, 1000).every((r) => r.accepted)).toBe(true);
    const failed = res.results.slice(1000);
    expect(
      failed.every((r) => !r.accepted && r.errorKind === 'transient' && r.resultCode === 'HTTP_500'),
    ).toBe(true);
    expect(failed.every((r) => r.requestId === null && r.recipientSeq === null)).toBe(true);
  });

  it('throws when every chunk failed as a whole', async () => {
    fake.faults.nhnError(-9999, 2);
    const e = await providerError(nhn.sendBatch(req(many(1001))));
    expect(e.code).toBe('-9999');
  });
});

describe('delivery results', () => {
  it('READY first, then COMPLETED/1000; a scripted 3019 ends FAILED', async () => {
    fake.scriptDelivery('01099990000', '3019');
    const start = new Date(Date.now() - 1000);
    const res = await nhn.sendBatch(
      req([welcome('01011112222', 'good'), welcome('01099990000', 'not-kakao')]),
    );
    const pending = await nhn.findMessages({ requestId: res.requestId! });
    expect(pending.map((m) => [m.messageStatus, m.resultCode])).toEqual([
      ['READY', null],
      ['READY', null],
    ]);
    expect(
      await nhn.fetchDeliveryResults({ startUpdateDate: start, endUpdateDate: new Date(Date.now() + 5000) }),
    ).toEqual([]);

    const results = await waitFor(async () => {
      const r = await nhn.fetchDeliveryResults({
        startUpdateDate: start,
        endUpdateDate: new Date(Date.now() + 5000),
      });
      return r.length === 2 ? r : undefined;
    }, 3000);
    const bySeq = Object.fromEntries(results.map((r) => [r.recipientSeq, r]));
    expect(bySeq[1]).toMatchObject({
      requestId: res.requestId,
      messageStatus: 'COMPLETED',
      resultCode: '1000',
    });
    expect(bySeq[2]).toMatchObject({ requestId: res.requestId, messageStatus: 'FAILED', resultCode: '3019' });
    expect(bySeq[2]!.receiveDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const after = await nhn.findMessages({ requestId: res.requestId! });
    expect(after.map((m) => m.messageStatus)).toEqual(['COMPLETED', 'FAILED']);
    // a window that ended before the delivery does not contain it
    expect(
      await nhn.fetchDeliveryResults({
        startUpdateDate: new Date(start.getTime() - 60_000),
        endUpdateDate: start,
      }),
    ).toEqual([]);
  });

  it('splits a search window longer than NHN allows (31 days) into several calls', async () => {
    const res = await nhn.sendBatch(req([welcome('01011112222', 'long-window')]));
    const found = await nhn.findMessages({
      startRequestDate: new Date(Date.now() - 75 * 24 * 3600_000),
      endRequestDate: new Date(),
      recipientGroupingKey: 'long-window',
    });
    expect(found.map((m) => m.requestId)).toEqual([res.requestId]);
    const results = await nhn.fetchDeliveryResults({
      startUpdateDate: new Date(Date.now() - 75 * 24 * 3600_000),
      endUpdateDate: new Date(Date.now() + 60_000),
    });
    expect(Array.isArray(results)).toBe(true);
  });

  it('pages through more results than one page', async () => {
    const start = new Date(Date.now() - 1000);
    const small = (await import('../src/index.ts')).createNhnClient({
      baseUrl: fake.url,
      ...creds,
      pageSize: 7,
    });
    const recipients = Array.from({ length: 20 }, (_, i) =>
      welcome(`0102222${String(i).padStart(4, '0')}`, `p-${i}`),
    );
    const res = await small.sendBatch(req(recipients));
    expect(
      (await small.findMessages({ requestId: res.requestId! })).map((m) => m.recipientGroupingKey),
    ).toEqual(recipients.map((r) => r.recipientGroupingKey));
    const results = await waitFor(async () => {
      const r = await small.fetchDeliveryResults({
        startUpdateDate: start,
        endUpdateDate: new Date(Date.now() + 5000),
      });
      return r.length === 20 ? r : undefined;
    }, 3000);
    expect(new Set(results.map((r) => r.recipientSeq)).size).toBe(20);
  });
});
