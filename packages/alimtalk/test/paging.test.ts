/**
 * Bounded paging: whatever a provider answers to `pageNum`, a list or poll ends and holds one page at a time.
 * The pager alone (scripted pages), then the client against the fake NHN in its `ignorePaging` fault mode.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNhnClient, type AlimtalkProvider } from '../src/index.ts';
import { startFakeNhnServer, type FakeNhnServer } from '../src/fake/index.ts';
import { pages, type FetchedPage } from '../src/nhn/paging.ts';
import { creds, waitFor, welcome } from './helpers.ts';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `m${from + i}`);

async function drain(fetchPage: (n: number) => FetchedPage<string>, pageSize = 3, maxPages = 50) {
  const asked: number[] = [];
  const seen: string[][] = [];
  const it = pages(
    (n) => {
      asked.push(n);
      return Promise.resolve(fetchPage(n));
    },
    { pageSize, maxPages, key: (s) => s },
  );
  for await (const p of it) seen.push(p);
  return { asked, seen };
}

describe('pages()', () => {
  it('pages until a short page', async () => {
    const all = ids(0, 8);
    const r = await drain((n) => ({ items: all.slice((n - 1) * 3, n * 3) }));
    expect(r.asked).toEqual([1, 2, 3]);
    expect(r.seen.flat()).toEqual(all);
  });

  it('stops at the reported total without asking for an empty page', async () => {
    const all = ids(0, 6);
    const r = await drain((n) => ({ items: all.slice((n - 1) * 3, n * 3), totalCount: 6 }));
    expect(r.asked).toEqual([1, 2]);
  });

  it('stops on an empty page', async () => {
    const all = ids(0, 6);
    const r = await drain((n) => ({ items: all.slice((n - 1) * 3, n * 3) }));
    expect(r.asked).toEqual([1, 2, 3]);
    expect(r.seen).toHaveLength(2);
  });

  it('stops when the provider serves the same page again (pageNum ignored), without yielding it twice', async () => {
    const r = await drain(() => ({ items: ids(0, 3) }));
    expect(r.asked).toEqual([1, 2]);
    expect(r.seen).toEqual([ids(0, 3)]);
  });

  it('stops when pages come round again (a cycle of two)', async () => {
    const r = await drain((n) => ({ items: ids(n % 2 === 0 ? 10 : 0, 3), totalCount: 1_000_000 }));
    expect(r.asked).toEqual([1, 2, 3]);
    expect(r.seen).toHaveLength(2);
  });

  it('stops after a page longer than asked for: the provider ignored pageSize', async () => {
    const r = await drain(() => ({ items: ids(0, 7) }));
    expect(r.asked).toEqual([1]);
    expect(r.seen.flat()).toHaveLength(7);
  });

  it('never fetches more than maxPages, even when every page is new and full', async () => {
    const r = await drain((n) => ({ items: ids(n * 3, 3) }), 3, 5);
    expect(r.asked).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('the client against a fake NHN that ignores paging', () => {
  let fake: FakeNhnServer;
  let requests: string[];
  let client: AlimtalkProvider;

  beforeEach(async () => {
    requests = [];
    fake = await startFakeNhnServer({ ...creds, deliveryDelayMs: 50, log: (l) => requests.push(l) });
    client = createNhnClient({ baseUrl: fake.url, ...creds, pageSize: 5, timeoutMs: 3000 });
  });
  afterEach(() => fake.close());

  const resultsCalls = () => requests.filter((l) => l.startsWith('GET /message-results')).length;

  async function sendDelivered(n: number): Promise<Date> {
    const start = new Date(Date.now() - 1000);
    const recipients = Array.from({ length: n }, (_, i) =>
      welcome(`0103333${String(i).padStart(4, '0')}`, `g-${i}`),
    );
    await client.sendBatch({ senderKey: creds.senderKey, templateCode: 'SF_WELCOME', recipients });
    // wait until the fake reports every one (with paging honoured)
    await waitFor(async () => {
      const r = await client.fetchDeliveryResults({
        startUpdateDate: start,
        endUpdateDate: new Date(Date.now() + 5000),
      });
      return r.length === n ? r : undefined;
    }, 3000);
    return start;
  }

  /** How long each page of the delivery poll since `start` is, as it is read. */
  async function pageLengths(start: Date): Promise<number[]> {
    const seen: number[] = [];
    const window = { startUpdateDate: start, endUpdateDate: new Date(Date.now() + 5000) };
    for await (const p of client.deliveryResultPages(window)) seen.push(p.length);
    return seen;
  }

  it('honest paging: 12 results in pages of 5 are three calls', async () => {
    const start = await sendDelivered(12);
    requests = [];
    const seen = await pageLengths(start);
    expect(seen).toEqual([5, 5, 2]);
    expect(resultsCalls()).toBe(3);
  });

  it('a poll ends after the repeated page: two calls, one page of results', async () => {
    const start = await sendDelivered(12);
    fake.faults.ignorePaging();
    requests = [];
    const seen = await pageLengths(start);
    expect(seen).toEqual([5]);
    expect(resultsCalls()).toBe(2);
    const all = await client.fetchDeliveryResults({
      startUpdateDate: start,
      endUpdateDate: new Date(Date.now() + 5000),
    });
    expect(all).toHaveLength(5);
  });

  it('message search and template lists end too', async () => {
    const start = await sendDelivered(7);
    fake.faults.ignorePaging();
    requests = [];
    const found = await client.findMessages({
      startRequestDate: start,
      endRequestDate: new Date(Date.now() + 60_000),
    });
    expect(found).toHaveLength(5);
    expect(requests.filter((l) => l.startsWith('GET /messages')).length).toBe(2);
    const templates = await client.listTemplates(creds.senderKey);
    expect(templates.length).toBeGreaterThan(0);
  });

  it('the mode is a control-endpoint switch and clear() turns it off', async () => {
    const res = await fetch(`${fake.url}/_fake/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ignorePaging: true }),
    });
    expect(await res.json()).toMatchObject({ ignorePaging: true });
    fake.faults.clear();
    expect(fake.faults.snapshot().ignorePaging).toBe(false);
  });
});
