// services/delivery.ts on its own: the delivery poll (real Postgres, real HTTP to a fake NHN of this file's own)
// and the stranded-send sweep. The poll must end and hold one page at a time whatever the provider does with paging.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createNhnClient, type AlimtalkProvider } from '@alimflow/alimtalk';
import { sandboxCredentials, startFakeNhnServer, type FakeNhnServer } from '@alimflow/alimtalk/fake';
import type { AppDeps } from '../src/deps.ts';
import { pollDeliveryResults, requeueStrandedSends } from '../src/services/delivery.ts';
import { enqueueSendGroup, sendGroupKey } from '../src/services/jobs.ts';
import { nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

const PAGE_SIZE = 5;
let h: Harness;
let org: TestOrg;
let fake: FakeNhnServer;
let resultCalls: number;
let provider: AlimtalkProvider;
let deps: AppDeps;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  org = await h.createOrg();
  fake = await startFakeNhnServer({ ...sandboxCredentials, deliveryDelayMs: 20 });
  resultCalls = 0;
  // Counts the message-results pages the poll asks for: the measure of how much it read.
  const counting: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/message-results')) resultCalls += 1;
    return fetch(input, init);
  };
  provider = createNhnClient({ baseUrl: fake.url, ...sandboxCredentials, pageSize: PAGE_SIZE, fetch: counting });
  deps = { ...h.deps, providerForOrg: () => Promise.resolve({ provider, mode: 'sandbox', senderKey: sandboxCredentials.senderKey }) };
});
// Each test polls only its own sends: whatever a test leaves accepted would be polled by the next one.
afterEach(async () => {
  await h.db.alimtalkSendLog.updateMany({ where: { status: 'accepted' }, data: { status: 'failed' } });
  await fake.close();
});

/** n accepted sends at the fake, each with the SendLog the send service would have written; waits for their results. */
async function acceptedSends(n: number, forOrg: TestOrg = org) {
  const phones = Array.from({ length: n }, () => nextPhone());
  const res = await provider.sendBatch({
    senderKey: sandboxCredentials.senderKey,
    templateCode: 'SF_WELCOME',
    recipients: phones.map((p, i) => ({ recipientNo: p, templateParameter: { 이름: '홍길동', 전화번호: p }, recipientGroupingKey: `k${i}` })),
  });
  const sentAt = new Date();
  const ids: string[] = [];
  for (const r of res.results) {
    const log = await h.db.alimtalkSendLog.create({
      data: {
        orgId: forOrg.orgId, templateCode: 'SF_WELCOME', recipientNo: r.recipientNo, content: '…', triggerType: 'manual',
        status: 'accepted', dedupeKey: randomUUID(), requestId: r.requestId, recipientSeq: r.recipientSeq, sentAt,
      },
    });
    ids.push(log.id);
  }
  await eventually(async () => (await provider.fetchDeliveryResults({ startUpdateDate: new Date(sentAt.getTime() - 60_000), endUpdateDate: new Date(Date.now() + 60_000) })).length === n, 5000, 'results at the fake');
  resultCalls = 0;
  return ids;
}

const statuses = async (ids: string[]) =>
  (await h.db.alimtalkSendLog.findMany({ where: { id: { in: ids } }, orderBy: { recipientSeq: 'asc' } })).map((l) => l.status);

describe('pollDeliveryResults', () => {
  it('moves accepted sends to delivered, or failed with the delivery code and reason', async () => {
    const [okId, badId] = await acceptedSends(1).then(async (a) => [a[0]!, ...(await failingSend())]);
    const r = await pollDeliveryResults(deps);
    expect(r).toMatchObject({ orgs: 1, delivered: 1, failed: 1, errors: 0 });
    const ok = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: okId } });
    expect(ok).toMatchObject({ status: 'delivered', deliveryStatus: 'COMPLETED', deliveryCode: '1000' });
    const bad = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: badId! } });
    expect(bad).toMatchObject({ status: 'failed', deliveryStatus: 'FAILED', deliveryCode: '3019', reason: 'delivery_failed' });
    // a second poll finds nothing left to move
    expect(await pollDeliveryResults(deps)).toMatchObject({ delivered: 0, failed: 0 });
  });

  async function failingSend() {
    // the fake's delivery script makes this number end FAILED 3019 (not a KakaoTalk user)
    const phone = nextPhone();
    fake.scriptDelivery(phone, '3019');
    const res = await provider.sendBatch({
      senderKey: sandboxCredentials.senderKey,
      templateCode: 'SF_WELCOME',
      recipients: [{ recipientNo: phone, templateParameter: { 이름: '김', 전화번호: phone }, recipientGroupingKey: 'bad' }],
    });
    const r = res.results[0]!;
    const log = await h.db.alimtalkSendLog.create({
      data: {
        orgId: org.orgId, templateCode: 'SF_WELCOME', recipientNo: phone, content: '…', triggerType: 'manual',
        status: 'accepted', dedupeKey: randomUUID(), requestId: r.requestId, recipientSeq: r.recipientSeq, sentAt: new Date(),
      },
    });
    await eventually(async () => (await provider.findMessages({ requestId: r.requestId! }))[0]?.messageStatus === 'FAILED', 5000, 'failed at the fake');
    return [log.id];
  }

  it('reads every page of an honest provider: 12 results in pages of 5 are three calls', async () => {
    const ids = await acceptedSends(12);
    const r = await pollDeliveryResults(deps);
    expect(r).toMatchObject({ pages: 3, delivered: 12, errors: 0 });
    expect(resultCalls).toBe(3);
    expect(await statuses(ids)).toEqual(Array(12).fill('delivered'));
  });

  it('ends against a provider that ignores paging: two calls, one page applied, the rest waits', async () => {
    const ids = await acceptedSends(12);
    fake.faults.ignorePaging();
    const r = await pollDeliveryResults(deps);
    // page 1, then page "2" is page 1 again: the poll stops there instead of collecting it forever
    expect(resultCalls).toBe(2);
    expect(r).toMatchObject({ pages: 1, delivered: PAGE_SIZE, errors: 0 });
    expect((await statuses(ids)).filter((s) => s === 'delivered')).toHaveLength(PAGE_SIZE);
    // nothing lost: once the provider pages again, the next poll moves the rest
    fake.faults.clear();
    expect(await pollDeliveryResults(deps)).toMatchObject({ delivered: 12 - PAGE_SIZE });
    expect(await statuses(ids)).toEqual(Array(12).fill('delivered'));
  });

  it('a provider failure is counted and retried next minute; nothing changes', async () => {
    const ids = await acceptedSends(2);
    fake.faults.http500(5, 'messages');
    expect(await pollDeliveryResults(deps)).toMatchObject({ orgs: 1, errors: 1, delivered: 0 });
    expect(await statuses(ids)).toEqual(['accepted', 'accepted']);
  });

  it("an org's poll moves only its own sends, even when the provider reports another org's request", async () => {
    const other = await h.createOrg();
    const ids = await acceptedSends(2);
    // same requestId / recipientSeq under another org: a result for org A never touches it
    const mine = await h.db.alimtalkSendLog.findMany({ where: { id: { in: ids } } });
    const foreign = await h.db.alimtalkSendLog.create({
      data: {
        orgId: other.orgId, templateCode: 'SF_WELCOME', recipientNo: mine[0]!.recipientNo, content: '…', triggerType: 'manual',
        status: 'accepted', dedupeKey: randomUUID(), requestId: mine[0]!.requestId, recipientSeq: mine[0]!.recipientSeq, sentAt: new Date(),
      },
    });
    const scoped: AppDeps = {
      ...deps,
      providerForOrg: (orgId) =>
        orgId === org.orgId ? deps.providerForOrg(orgId) : Promise.reject(new Error('other org has no provider here')),
    };
    expect(await pollDeliveryResults(scoped)).toMatchObject({ orgs: 2, delivered: 2, errors: 1 });
    expect((await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe('accepted');
  });
});

describe('requeueStrandedSends', () => {
  const jobsFor = (id: string) =>
    h.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker._private_jobs WHERE key = ${'send:' + id}`;

  it('gives a pending send whose claim expired its job back, and leaves a live claim alone', async () => {
    const base = { orgId: org.orgId, templateCode: 'SF_WELCOME', recipientNo: nextPhone(), content: '…', triggerType: 'manual' as const, status: 'pending' as const };
    const dead = await h.db.alimtalkSendLog.create({ data: { ...base, dedupeKey: randomUUID(), claimedUntil: new Date(Date.now() - 1000) } });
    const live = await h.db.alimtalkSendLog.create({ data: { ...base, dedupeKey: randomUUID(), claimedUntil: new Date(Date.now() + 60_000) } });
    expect(await requeueStrandedSends(deps)).toBeGreaterThanOrEqual(1);
    expect(await jobsFor(dead.id)).toHaveLength(1);
    expect((await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: dead.id } })).claimedUntil).toBeNull();
    expect(await jobsFor(live.id)).toHaveLength(0);
  });

  it("leaves a fresh row to its group's waiting send job, and gives it a job of its own once that job has failed for good", async () => {
    const group = { orgId: org.orgId, templateCode: 'SF_WELCOME', senderKey: null };
    const old = new Date(Date.now() - 10 * 60_000);
    const row = await h.db.alimtalkSendLog.create({
      data: { ...group, recipientNo: nextPhone(), content: '…', triggerType: 'auto', status: 'pending', dedupeKey: randomUUID(), createdAt: old, updatedAt: old },
    });
    await h.db.$executeRaw`UPDATE "AlimtalkSendLog" SET "updatedAt" = ${old} WHERE id = ${row.id}::uuid`;
    await enqueueSendGroup(h.db, group);
    await requeueStrandedSends(deps);
    expect(await jobsFor(row.id)).toHaveLength(0);

    // A group job out of attempts drains nothing: the row is stranded again.
    await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts WHERE key = ${sendGroupKey(group)}`;
    await requeueStrandedSends(deps);
    expect(await jobsFor(row.id)).toHaveLength(1);
  });
});
