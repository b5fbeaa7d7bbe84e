// Issue 15: the send window is asked again when the send job runs, through the real graphile-worker and the fake
// NHN. A send decided inside the window but reaching NHN's call after it closed (a retry after a transient failure,
// a queue backlog) is held until the next opening, never sent outside the window.
import { WEEKDAYS, type Weekday } from '@alimflow/automation-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueSendGroups } from '../src/services/jobs.ts';
import { decideSends, type DecideSendInput } from '../src/services/send-decision.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

const DAY = 24 * 3_600_000;
const KST = 9 * 3_600_000;
let offset = 0;
let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  // A 2 s first retry back-off leaves the test time to close the window between the failed call and its retry.
  h = await createHarness({ now: () => new Date(Date.now() + offset), deliveryDelayMs: 20, sendRetryBaseMs: 2_000 });
  org = await h.createOrg('발송 시간 재확인');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());
afterEach(async () => {
  offset = 0;
  h.fakeNhn.faults.clear();
  await h.db.alimtalkTemplateLink.updateMany({ where: { orgId: org.orgId }, data: { isActive: false } });
  await org.admin.deliverySettings.update({ sendWindow: null, frequencyCap: null });
});

const atNhn = (phone: string) => h.fakeNhn.received().filter((m) => m.recipientNo === phone && m.accepted);
const row = (id: string) => h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id } });

/** Every weekday but today's (KST), all day: open yesterday, closed now, open again from the next KST midnight. */
function windowClosedToday() {
  const today = WEEKDAYS[(new Date(Date.now() + KST).getUTCDay() + 6) % 7]!;
  const days: Weekday[] = WEEKDAYS.filter((d) => d !== today);
  const nextMidnight = new Date((Math.floor((Date.now() + KST) / DAY) + 1) * DAY - KST);
  return { window: { days, start: '00:00', end: '24:00', skipHolidays: false }, opening: nextMidnight };
}

async function expectHeldUntil(id: string, opening: Date) {
  const held = await eventually(async () => {
    const r = await row(id);
    return r.reason === 'send_window' ? r : null;
  }, 20_000, 'held by the window');
  expect(held).toMatchObject({ status: 'pending', claimedUntil: null });
  expect(held.notBefore?.toISOString()).toBe(opening.toISOString());
  expect(held.resultMessage).toBe('Waiting for the send window (tomorrow 00:00)');
  return held;
}

/** The opening arrives: the app clock moves past it and the jobs waiting for it become due. */
async function openWindow(opening: Date) {
  offset = opening.getTime() - Date.now() + 1_000;
  await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE run_at >= ${new Date(opening.getTime() - 1_000)}`;
}

async function expectSentOnce(id: string, phone: string) {
  const sent = await eventually(async () => {
    const r = await row(id);
    return r.status === 'accepted' ? r : null;
  }, 20_000, 'sent at the opening');
  expect(sent.reason).toBeNull();
  expect(atNhn(phone)).toHaveLength(1);
}

describe('send window re-checked at send time', () => {
  it('a retry after a transient NHN failure waits for the opening when the window closed meanwhile', async () => {
    h.fakeNhn.faults.http500(50, 'send');
    await createLink(h, org, { name: '재시도 창', cooldownHours: 0 });
    const phone = nextPhone();
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '김재시도', 전화번호: phone, 상태: '신규' } });
    const failed = await eventually(async () => {
      const [r] = await h.db.alimtalkSendLog.findMany({ where: { recordId: record.id } });
      return r && r.attempts >= 1 && r.claimedUntil === null && r.status === 'pending' ? r : null;
    }, 20_000, 'first attempt failed');
    expect(failed.notBefore).toBeNull();

    // The window closes before the retry; NHN is healthy again, so only the re-check keeps the message back.
    const { window, opening } = windowClosedToday();
    await org.admin.deliverySettings.update({ sendWindow: window });
    h.fakeNhn.faults.clear();
    await expectHeldUntil(failed.id, opening);
    const [job] = await h.db.$queryRaw<{ run_at: Date }[]>`SELECT run_at FROM graphile_worker.jobs WHERE key = ${`send:${failed.id}`}`;
    expect(job?.run_at.toISOString()).toBe(opening.toISOString());
    expect(atNhn(phone)).toHaveLength(0);

    await openWindow(opening);
    await expectSentOnce(failed.id, phone);
  });

  it('a backlog sent after the window closed holds the whole batch until the opening, then sends it', async () => {
    const { window, opening } = windowClosedToday();
    await org.admin.deliverySettings.update({ sendWindow: window });
    const link = await h.db.alimtalkTemplateLink.findUniqueOrThrow({
      where: { id: (await createLink(h, org, { name: '밀린 발송', cooldownHours: 0 })).id },
      include: { template: true },
    });
    const fields = [
      { key: '이름', label: '이름', type: 'text' as const },
      { key: '전화번호', label: '전화번호', type: 'phone' as const },
      { key: '상태', label: '상태', type: 'text' as const },
    ];
    const phones = [nextPhone(), nextPhone()];
    const records = await Promise.all(
      phones.map((phone) => h.db.record.create({ data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: '밀림', 전화번호: phone, 상태: '신규' } } })),
    );
    // Decided yesterday, inside the window; its send job only runs now, with the window closed.
    const decidedAt = new Date(Date.now() - DAY);
    const inputs = records.map(
      (record): DecideSendInput => ({
        orgId: org.orgId,
        link,
        recordId: record.id,
        data: record.data as Record<string, unknown>,
        fields,
        triggerType: 'auto',
        dedupeKey: `backlog:${record.id}`,
        now: decidedAt,
        applyCooldown: false,
        recordSkips: true,
      }),
    );
    const queued = await h.db.$transaction(async (tx) => {
      const { decisions, queued: rows } = await decideSends(tx, inputs);
      expect(decisions.map((d) => d.outcome === 'queued' && !d.waitUntil)).toEqual([true, true]);
      await enqueueSendGroups(tx, rows);
      return rows;
    });

    for (const q of queued) await expectHeldUntil(q.id, opening);
    const jobs = await h.db.$queryRaw<{ run_at: Date }[]>`
      SELECT run_at FROM graphile_worker.jobs WHERE key LIKE ${`send-group:${org.orgId}:%:${opening.toISOString()}`}`;
    expect(jobs.map((j) => j.run_at.toISOString())).toEqual([opening.toISOString()]);
    for (const phone of phones) expect(atNhn(phone)).toHaveLength(0);

    await openWindow(opening);
    for (const [i, q] of queued.entries()) await expectSentOnce(q.id, phones[i]!);
  });
});
