/** The fake NHN server at the protocol level (raw HTTP, as any NHN client would see it) and its control API. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeNhnServer } from '../src/fake/index.ts';
import { creds, startTestFake } from './helpers.ts';

let fake: FakeNhnServer;
beforeEach(async () => {
  ({ fake } = await startTestFake({ idempotencyTtlMs: 300 }));
});
afterEach(async () => {
  await fake.close();
});

const api = (path: string) => `${fake.url}/alimtalk/v2.3/appkeys/${creds.appKey}${path}`;
const H = { 'X-Secret-Key': creds.secretKey, 'Content-Type': 'application/json;charset=UTF-8' };

interface Envelope {
  header: { resultCode: number; resultMessage: string; isSuccessful: boolean };
  [k: string]: unknown;
}
async function call(url: string, init: RequestInit = {}): Promise<Envelope> {
  const res = await fetch(url, {
    ...init,
    headers: { ...H, ...(init.headers as Record<string, string> | undefined) },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as Envelope;
}
const send = (body: unknown, headers: Record<string, string> = {}) =>
  call(api('/messages'), { method: 'POST', body: JSON.stringify(body), headers });
const recipient = (no = '01012345678', extra: Record<string, unknown> = {}) => ({
  recipientNo: no,
  templateParameter: { 이름: '홍길동', 전화번호: no },
  recipientGroupingKey: `k-${no}`,
  ...extra,
});
const body = (recipientList: unknown[], extra: Record<string, unknown> = {}) => ({
  senderKey: creds.senderKey,
  templateCode: 'SF_WELCOME',
  recipientList,
  ...extra,
});

describe('authentication and content type', () => {
  it('-1000 for an unknown appkey, -1001 for a wrong secret, -9996 for a non-JSON content type', async () => {
    const bad = await call(`${fake.url}/alimtalk/v2.3/appkeys/other/senders/${creds.senderKey}/templates`);
    expect(bad.header).toEqual({ resultCode: -1000, resultMessage: 'Invalid appKey.', isSuccessful: false });
    expect(
      (await call(api(`/senders/${creds.senderKey}/templates`), { headers: { 'X-Secret-Key': 'x' } })).header
        .resultCode,
    ).toBe(-1001);
    const text = await send(body([recipient()]), { 'Content-Type': 'text/plain' });
    expect(text.header.resultCode).toBe(-9996);
    expect(fake.received()).toEqual([]);
  });

  it('unreadable JSON is refused (-3002); other API versions are 404', async () => {
    const r = await call(api('/messages'), { method: 'POST', body: '{"senderKey":' });
    expect(r.header.resultCode).toBe(-3002);
    const res = await fetch(`${fake.url}/alimtalk/v2.2/appkeys/${creds.appKey}/messages`, { headers: H });
    expect(res.status).toBe(404);
  });
});

describe('send validation', () => {
  it('accepts 1 and 1,000 recipients; refuses 0 (-2003) and 1,001 (-2004)', async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => recipient(`0103${String(i).padStart(7, '0')}`));
    expect((await send(body(many(1)))).header.resultCode).toBe(0);
    expect((await send(body(many(1000)))).header.resultCode).toBe(0);
    expect((await send(body([]))).header.resultCode).toBe(-2003);
    expect((await send(body(many(1001)))).header.resultCode).toBe(-2004);
    expect((await send({ senderKey: creds.senderKey, templateCode: 'SF_WELCOME' })).header.resultCode).toBe(
      -2002,
    );
  });

  it('template, sender and field checks', async () => {
    expect((await send(body([recipient()], { templateCode: 'NOPE' }))).header.resultCode).toBe(-3003);
    expect((await send(body([recipient()], { templateCode: 'SF_VISIT' }))).header.resultCode).toBe(-3005);
    expect((await send(body([recipient()], { templateCode: 'X'.repeat(21) }))).header.resultCode).toBe(-2000);
    expect((await send(body([recipient()], { senderKey: 'x'.repeat(40) }))).header.resultCode).toBe(-2017);
    expect((await send(body([recipient()], { senderKey: '' }))).header.resultCode).toBe(-2001);
    expect((await send(body([recipient()], { requestDate: '2026-01-01T10:00' }))).header.resultCode).toBe(
      -4000,
    );
  });

  it('per-recipient refusals: number, parameters, lengths; the response echoes seq and grouping keys', async () => {
    const r = await send(
      body([
        recipient('01012345678'),
        recipient('010123'),
        recipient('01087654321', { templateParameter: { 이름: '김' } }),
        recipient('01011112222', { templateParameter: { 이름: 'x'.repeat(1301), 전화번호: '1' } }),
        recipient('01033334444', { templateParameter: { 이름: 'x'.repeat(1290), 전화번호: '1' } }),
        recipient('01055556666', { templateParameter: { 이름: ['x'], 전화번호: '1' } }),
        recipient('01077778888', { templateParameter: { 이름: '이', 전화번호: '1', extra: 'ignored' } }),
      ]),
    );
    expect(r.header).toMatchObject({ resultCode: 0, isSuccessful: true });
    const m = r.message as {
      requestId: string;
      sendResults: Array<{ recipientSeq: number; resultCode: number; recipientGroupingKey: string }>;
    };
    expect(m.requestId).toMatch(/^\d{14}[A-Za-z0-9]{10}$/);
    expect(m.sendResults.map((s) => [s.recipientSeq, s.resultCode])).toEqual([
      [1, 0],
      [2, -4019],
      [3, -3049],
      [4, -3048],
      [5, -2019],
      [6, -3004],
      [7, 0],
    ]);
    expect(m.sendResults[0]!.recipientGroupingKey).toBe('k-01012345678');
  });

  it('-1031 with requestId null when every recipient is refused', async () => {
    const r = await send(body([recipient('1'), recipient('2')]));
    expect(r.header).toMatchObject({ resultCode: -1031, isSuccessful: false });
    expect((r.message as { requestId: unknown }).requestId).toBeNull();
  });

  it('remembers an idempotency key for idempotencyTtlMs, and only for accepted calls', async () => {
    const idem = { 'X-NC-API-IDEMPOTENCY-KEY': 'k1' };
    expect((await send(body([recipient('1')]), idem)).header.resultCode).toBe(-1031); // refused: not remembered
    expect((await send(body([recipient()]), idem)).header.resultCode).toBe(0);
    expect((await send(body([recipient()]), idem)).header.resultCode).toBe(-1005);
    expect((await send(body([recipient()]), { 'X-NC-API-IDEMPOTENCY-KEY': 'k2' })).header.resultCode).toBe(0);
    await new Promise((r) => setTimeout(r, 350));
    expect((await send(body([recipient()]), idem)).header.resultCode).toBe(0);
  });
});

describe('queries', () => {
  it('single message by requestId/seq (rendered content) and -1016 when missing', async () => {
    const r = await send(body([recipient()]));
    const requestId = (r.message as { requestId: string }).requestId;
    const one = await call(api(`/messages/${requestId}/1`));
    expect(one.message).toMatchObject({
      requestId,
      recipientSeq: 1,
      recipientNo: '01012345678',
      content: expect.stringContaining('홍길동님, 문의해 주셔서 감사합니다.') as unknown,
      messageStatus: 'READY',
      resultCode: null,
    });
    expect((await call(api(`/messages/${requestId}/2`))).header.resultCode).toBe(-1016);
  });

  it('message search needs requestId or a window ≤ 31 days; paging by pageNum/pageSize', async () => {
    expect((await call(api('/messages'))).header.resultCode).toBe(-2001);
    expect(
      (await call(api('/messages?startRequestDate=2026-01-01%2000:00&endRequestDate=2026-03-01%2000:00')))
        .header.resultCode,
    ).toBe(-4003);
    expect(
      (await call(api('/messages?startRequestDate=2026-01-01&endRequestDate=2026-01-02'))).header.resultCode,
    ).toBe(-4000);
    await send(body(Array.from({ length: 5 }, (_, i) => recipient(`0104444000${i}`))));
    const page = await call(
      api('/messages?startRequestDate=2000-01-01%2000:00&endRequestDate=2000-01-02%2000:00'),
    );
    expect(page.messageSearchResultResponse).toEqual({ messages: [], totalCount: 0 });
    const q = new URLSearchParams({ requestId: '', pageNum: '2', pageSize: '2' });
    q.delete('requestId');
    const now = new Date();
    const fmt = (d: Date) =>
      new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    q.set('startRequestDate', fmt(new Date(now.getTime() - 3600_000)));
    q.set('endRequestDate', fmt(now));
    const p2 = (await call(api(`/messages?${q.toString()}`))).messageSearchResultResponse as {
      messages: Array<{ recipientNo: string }>;
      totalCount: number;
    };
    expect(p2.totalCount).toBe(5);
    expect(p2.messages.map((m) => m.recipientNo)).toEqual(['01044440002', '01044440003']);
    q.set('pageSize', '1001');
    expect((await call(api(`/messages?${q.toString()}`))).header.resultCode).toBe(-2004);
  });

  it('template list (filters, paging) and the single-template shape', async () => {
    const all = (await call(api(`/senders/${creds.senderKey}/templates?pageSize=2&pageNum=3`)))
      .templateListResponse as {
      templates: Array<{ templateCode: string }>;
      totalCount: number;
    };
    expect(all.totalCount).toBe(5);
    expect(all.templates).toHaveLength(1);
    const approved = (await call(api(`/senders/${creds.senderKey}/templates?templateStatus=TSC03`)))
      .templateListResponse as {
      totalCount: number;
    };
    expect(approved.totalCount).toBe(3);
    const one = await call(api(`/senders/${creds.senderKey}/templates/SF_REMIND`));
    expect(one.templates).toMatchObject({
      templateCode: 'SF_REMIND',
      status: 'TSC03',
      statusName: '승인',
      buttons: [],
    });
    expect((await call(api(`/senders/${creds.senderKey}/templates/NOPE`))).header.resultCode).toBe(-3003);
    expect((await call(api(`/senders/other/templates`))).header.resultCode).toBe(-2017);
  });
});

describe('control endpoints over HTTP', () => {
  const ctl = async (method: string, path: string, b?: unknown) => {
    const res = await fetch(`${fake.url}/_fake${path}`, {
      method,
      ...(b !== undefined
        ? { body: JSON.stringify(b), headers: { 'Content-Type': 'application/json' } }
        : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('injects faults, lists received messages, scripts delivery, upserts templates and resets', async () => {
    expect(
      (await ctl('POST', '/faults', { kind: 'nhnError', resultCode: -9999, times: 2, scope: 'send' })).status,
    ).toBe(200);
    expect((await ctl('GET', '/faults')).json.queue).toEqual([
      { kind: 'nhnError', resultCode: -9999, times: 2, scope: 'send' },
    ]);
    expect((await call(api(`/senders/${creds.senderKey}/templates`))).header.resultCode).toBe(0); // other scope
    expect((await send(body([recipient()]))).header.resultCode).toBe(-9999);
    expect((await send(body([recipient()]))).header.resultCode).toBe(-9999);
    expect((await send(body([recipient()]))).header.resultCode).toBe(0);
    expect((await ctl('GET', '/faults')).json).toMatchObject({ queue: [], injected: 2 });

    expect((await ctl('POST', '/faults', { kind: 'bogus' })).status).toBe(400);
    expect((await ctl('POST', '/faults', { faults: [{ kind: 'bogus' }] })).status).toBe(400);
    await ctl('POST', '/faults', { failureRate: { rate: 1, seed: 3, kinds: ['http500'] } });
    expect((await fetch(api(`/senders/${creds.senderKey}/templates`), { headers: H })).status).toBe(500);
    await ctl('DELETE', '/faults');
    expect((await call(api(`/senders/${creds.senderKey}/templates`))).header.resultCode).toBe(0);

    expect(
      (await ctl('POST', '/delivery-script', { recipientNo: '01099998888', resultCode: '3020' })).status,
    ).toBe(200);
    const r = await send(body([recipient('01099998888')]));
    const requestId = (r.message as { requestId: string }).requestId;
    await new Promise((res) => setTimeout(res, 250));
    expect((await call(api(`/messages/${requestId}/1`))).message).toMatchObject({
      messageStatus: 'FAILED',
      resultCode: '3020',
    });

    const received = (await ctl('GET', '/messages')).json.messages as Array<{
      accepted: boolean;
      resultCode: number;
    }>;
    expect(received.map((m) => [m.accepted, m.resultCode])).toEqual([
      [true, 0],
      [true, 0],
    ]);

    await ctl('POST', '/templates', {
      templateCode: 'SF_VISIT',
      templateName: '방문',
      templateContent: '#{이름}님 방문 확인',
      status: 'TSC03',
    });
    expect(
      (
        await send(
          body([recipient('01012345678', { templateParameter: { 이름: 'a' } })], {
            templateCode: 'SF_VISIT',
          }),
        )
      ).header.resultCode,
    ).toBe(0);

    expect((await ctl('POST', '/reset')).status).toBe(200);
    expect((await ctl('GET', '/messages')).json.messages).toEqual([]);
    expect((await send(body([recipient()], { templateCode: 'SF_VISIT' }))).header.resultCode).toBe(-3005); // templates restored
    expect((await ctl('GET', '/nope')).status).toBe(404);
  });
});

describe('CLI', () => {
  it('starts on the given port and prints the URL and sandbox credentials', async () => {
    const pkgDir = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/fake/cli.ts', '--port', '0', '--delivery-delay-ms', '50', '--quiet'],
      {
        cwd: pkgDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m && out.includes('senderKey')) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`cli exited ${code}: ${out}`)));
      });
      expect(out).toContain('sandbox-secret');
      const res = await fetch(
        `${url}/alimtalk/v2.3/appkeys/sandbox-appkey/senders/sandboxsenderkey000000000000000000000000/templates`,
        {
          headers: { 'X-Secret-Key': 'sandbox-secret', 'Content-Type': 'application/json' },
        },
      );
      const json = (await res.json()) as { templateListResponse: { totalCount: number } };
      expect(json.templateListResponse.totalCount).toBe(5);
    } finally {
      child.kill('SIGTERM');
    }
  }, 15_000);
});
