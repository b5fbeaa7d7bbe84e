// Issue 15 send windows and the frequency cap, through records.create → the real graphile-worker → the fake NHN.
import { kstDay, WEEKDAYS, type Weekday } from '@alimflow/automation-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
import { requeueStrandedSends } from '../src/services/delivery.ts';
import { decideSends, type DecideSendInput } from '../src/services/send-decision.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError, expectZodError } from './support/router-helpers.ts';

const DAY = 24 * 3_600_000;
const KST = 9 * 3_600_000;
let offset = 0;
let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offset), deliveryDelayMs: 20, sendRetryBaseMs: 50 });
  org = await h.createOrg('발송 통제');
  other = await h.createOrg('다른 회사');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());
afterEach(async () => {
  offset = 0;
  await h.db.alimtalkTemplateLink.updateMany({ where: { orgId: org.orgId }, data: { isActive: false } });
  await org.admin.deliverySettings.update({ sendWindow: null, frequencyCap: null });
});

const logsFor = (recordId: string) => h.db.alimtalkSendLog.findMany({ where: { recordId }, orderBy: { createdAt: 'asc' } });
const atNhn = (phone: string) => h.fakeNhn.received().filter((m) => m.recipientNo === phone && m.accepted);

/** Every weekday but today's (KST), all day: closed now, open from the next KST midnight. */
function windowClosedToday() {
  const today = WEEKDAYS[(new Date(Date.now() + KST).getUTCDay() + 6) % 7]!;
  const days: Weekday[] = WEEKDAYS.filter((d) => d !== today);
  const nextMidnight = new Date((Math.floor((Date.now() + KST) / DAY) + 1) * DAY - KST);
  return { window: { days, start: '00:00', end: '24:00', skipHolidays: false }, opening: nextMidnight };
}

describe('send window', () => {
  it('holds an automatic send outside the window as pending until the opening, then its job sends it', async () => {
    const { window, opening } = windowClosedToday();
    await org.admin.deliverySettings.update({ sendWindow: window });
    const link = await createLink(h, org, { name: '창 밖 환영', cooldownHours: 0 });
    const phone = nextPhone();
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '김대기', 전화번호: phone, 상태: '신규' } });

    const [held] = await eventually(async () => {
      const logs = await logsFor(record.id);
      return logs.length ? logs : null;
    }, 15_000, 'held send log');
    expect(held).toMatchObject({ linkId: link.id, status: 'pending', reason: 'send_window', attempts: 0 });
    expect(held!.notBefore?.toISOString()).toBe(opening.toISOString());
    expect(held!.resultMessage).toMatch(/^Waiting for the send window \(tomorrow 00:00\)$/);
    const event = await eventually(async () => h.db.automationEvent.findFirst({ where: { recordId: record.id, linkId: link.id } }), 10_000, 'event');
    expect(event).toMatchObject({ decision: 'fired', reason: 'send_window', sendLogId: held!.id, detail: { until: opening.toISOString() } });

    // Its job waits for the opening; the immediate group job (and any other send job) leaves the row alone.
    const [job] = await h.db.$queryRaw<{ run_at: Date }[]>`
      SELECT run_at FROM graphile_worker.jobs WHERE key LIKE ${`send-group:${org.orgId}:%:${opening.toISOString()}`}`;
    expect(job?.run_at.toISOString()).toBe(opening.toISOString());
    // Not stranded: the sweep leaves a held row alone however old it is.
    await h.db.alimtalkSendLog.update({ where: { id: held!.id }, data: { updatedAt: new Date(Date.now() - DAY) } });
    await requeueStrandedSends(h.deps);
    const still = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: held!.id } });
    expect(still).toMatchObject({ status: 'pending', attempts: 0 });
    expect(still.updatedAt.getTime()).toBeLessThan(Date.now() - DAY / 2);
    expect(atNhn(phone)).toHaveLength(0);

    // The opening arrives: the app clock moves past it and the job becomes due.
    offset = opening.getTime() - Date.now() + 1_000;
    await h.db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE ${`send-group:${org.orgId}:%:${opening.toISOString()}`}`;
    const sent = await eventually(async () => {
      const row = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: held!.id } });
      return row.status === 'accepted' ? row : null;
    }, 15_000, 'sent at the opening');
    expect(sent.reason).toBeNull();
    expect(atNhn(phone)).toHaveLength(1);
  });

  it('a rule set to "always" ignores the org window; a manual send is never held', async () => {
    await org.admin.deliverySettings.update({ sendWindow: windowClosedToday().window });
    await createLink(h, org, { name: '긴급 공지', cooldownHours: 0, sendWindow: { mode: 'always' } });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '긴급', 전화번호: nextPhone(), 상태: '신규' } });
    const log = await eventually(async () => (await logsFor(record.id)).find((l) => l.status === 'accepted'), 15_000, 'urgent send');
    expect(log.notBefore).toBeNull();
  });
});

describe('frequency cap', () => {
  it('never lets N+1 automatic messages through when rules fire for one number at once (parallel records)', async () => {
    await org.admin.deliverySettings.update({ frequencyCap: { limit: 2, periodHours: 24 } });
    for (const name of ['규칙 A', '규칙 B', '규칙 C']) await createLink(h, org, { name, cooldownHours: 0 });
    const phone = nextPhone();
    const records = await Promise.all(
      [1, 2, 3, 4].map((n) => org.admin.records.create({ partitionId: org.partitionId, data: { 이름: `고객${n}`, 전화번호: phone, 상태: '신규' } })),
    );
    const logs = await eventually(async () => {
      const rows = await h.db.alimtalkSendLog.findMany({ where: { orgId: org.orgId, recipientNo: phone } });
      return rows.length === 12 && rows.every((r) => r.status !== 'pending') ? rows : null;
    }, 30_000, '12 decided sends');
    expect(logs.filter((l) => l.status === 'accepted')).toHaveLength(2);
    const skipped = logs.filter((l) => l.status === 'skipped');
    expect(skipped).toHaveLength(10);
    expect(new Set(skipped.map((l) => l.reason))).toEqual(new Set(['frequency_cap']));
    expect(skipped[0]!.resultMessage).toMatch(/already had 2 automatic messages within 24 h \(limit 2\)/);
    expect(atNhn(phone)).toHaveLength(2);
    const events = await h.db.automationEvent.findMany({ where: { recordId: { in: records.map((r) => r.id) }, reason: 'frequency_cap' } });
    expect(events).toHaveLength(10);
  });

  it('holds when separate transactions decide for the same number in parallel', async () => {
    await org.admin.deliverySettings.update({ frequencyCap: { limit: 1, periodHours: 24 } });
    const links = await Promise.all(['병렬 A', '병렬 B', '병렬 C', '병렬 D'].map((name) => createLink(h, org, { name, cooldownHours: 0 })));
    const phone = nextPhone();
    const withTemplate = await h.db.alimtalkTemplateLink.findMany({ where: { id: { in: links.map((l) => l.id) } }, include: { template: true } });
    const record = await h.db.record.create({ data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: '동시', 전화번호: phone, 상태: '신규' } } });
    const fields = [{ key: '이름', label: '이름', type: 'text' as const }, { key: '전화번호', label: '전화번호', type: 'phone' as const }, { key: '상태', label: '상태', type: 'text' as const }];
    const input = (link: (typeof withTemplate)[number]): DecideSendInput => ({
      orgId: org.orgId,
      link,
      recordId: record.id,
      data: record.data as Record<string, unknown>,
      fields,
      triggerType: 'auto',
      dedupeKey: `parallel:${link.id}`,
      now: new Date(),
      applyCooldown: true,
      recordSkips: true,
    });
    const results = await Promise.all(withTemplate.map((link) => h.db.$transaction((tx) => decideSends(tx, [input(link)]))));
    const outcomes = results.map((r) => r.decisions[0]!);
    expect(outcomes.filter((d) => d.outcome === 'queued')).toHaveLength(1);
    expect(outcomes.filter((d) => d.outcome === 'skipped' && d.reason === 'frequency_cap')).toHaveLength(3);
  });

  it('does not count or cap manual sends', async () => {
    await org.admin.deliverySettings.update({ frequencyCap: { limit: 1, periodHours: 24 } });
    const link = await createLink(h, org, { name: '수동 포함', cooldownHours: 0 });
    const phone = nextPhone();
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '수동', 전화번호: phone, 상태: '신규' } });
    await eventually(async () => (await logsFor(record.id)).find((l) => l.status === 'accepted'), 15_000, 'automatic send');
    // Over the cap for automation, yet a person's manual send goes out, and does not count against the next rule.
    await org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [record.id], applyCooldown: false });
    const manual = await eventually(async () => (await logsFor(record.id)).find((l) => l.triggerType === 'manual' && l.status === 'accepted'), 15_000, 'manual send');
    expect(manual.reason).toBeNull();
    expect(atNhn(phone)).toHaveLength(2);
  });
});

describe('deliverySettings router', () => {
  it('preloads the public holidays once on first open; holidays can be added and removed', async () => {
    const first = await org.admin.deliverySettings.get();
    expect(first.holidaysPreloaded).toBe(true);
    const year = kstDay(Date.now()).slice(0, 4);
    expect(first.holidays).toContainEqual({ date: `${year}-12-25`, name: '기독탄신일' });
    await org.admin.deliverySettings.removeHoliday({ date: `${year}-12-25` });
    // Removed stays removed: the next visit does not preload again.
    expect((await org.admin.deliverySettings.get()).holidays.map((x) => x.date)).not.toContain(`${year}-12-25`);
    await org.admin.deliverySettings.addHoliday({ date: `${year}-12-31`, name: '창립기념일' });
    await expectTRPCError(org.admin.deliverySettings.addHoliday({ date: `${year}-12-31`, name: '중복' }), 'CONFLICT', /공휴일 목록에 .*이미 있습니다/);
    await expectTRPCError(org.admin.deliverySettings.removeHoliday({ date: '2001-01-02' }), 'NOT_FOUND');
    await expectZodError(org.admin.deliverySettings.addHoliday({ date: '2026-02-30', name: 'x' }), /없는 날짜입니다/);
    // The preload button brings back what is missing.
    const again = await org.admin.deliverySettings.preloadHolidays();
    expect(again.added).toBeGreaterThanOrEqual(1);
    expect(again.holidays.map((x) => x.date)).toContain(`${year}-12-25`);
    // Tenants never see each other's list.
    expect((await other.member.deliverySettings.get()).holidays.map((x) => x.date)).not.toContain(`${year}-12-31`);
  });

  it('refuses a bad window or cap with the schema message in Korean (English for an English caller) and changes nothing; members cannot edit', async () => {
    await org.admin.deliverySettings.update({ frequencyCap: { limit: 3, periodHours: 24 } });
    await expectZodError(org.admin.deliverySettings.update({ sendWindow: { days: [], start: '09:00', end: '20:00', skipHolidays: true } }), /요일을 하나 이상 고르세요/);
    await expectZodError(org.admin.deliverySettings.update({ sendWindow: { days: ['mon'], start: '21:00', end: '09:00', skipHolidays: true } }), /자정을 넘는 발송 가능 시간은 설정할 수 없습니다/);
    const cap = await expectZodError(org.admin.deliverySettings.update({ frequencyCap: { limit: 0, periodHours: 24 } }), /빈도 제한은 1건 이상이어야 합니다/);
    expect(cap.message).toMatch(/빈도 제한은 1건 이상이어야 합니다[\s\S]*frequencyCap\.limit/);
    await expectZodError(org.admin.deliverySettings.addHoliday({ date: '2026-13-01', name: '' }), /날짜는 YYYY-MM-DD 형식으로 입력하세요[\s\S]*이름을 입력하세요/);
    const { token, hash } = newToken('sess');
    await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + DAY) } });
    const english = h.callerWithCookie(token, { language: 'en' });
    await expectZodError(english.deliverySettings.update({ sendWindow: { days: ['mon'], start: '21:00', end: '09:00', skipHolidays: true } }), /cannot cross midnight/);
    await expectZodError(english.deliverySettings.update({ frequencyCap: { limit: 0, periodHours: 24 } }), /at least 1 message/);
    await expectTRPCError(org.member.deliverySettings.update({ frequencyCap: null }), 'FORBIDDEN');
    expect((await org.admin.deliverySettings.get()).frequencyCap).toEqual({ limit: 3, periodHours: 24 });
  });
});
