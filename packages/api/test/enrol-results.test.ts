// Issue 15 parts 4–5 end to end: enrolling the records that already match a rule (tRPC → graphile-worker → fake NHN
// over HTTP), resumed after a worker stops mid-run, never doubled; and per-rule results from a known set of rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollDeliveryResults } from '../src/services/delivery.ts';
import { runEnrolment } from '../src/services/enrolment.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
const matchingIds: string[] = [];
const otherIds: string[] = [];

beforeAll(async () => {
  h = await createHarness({ deliveryDelayMs: 20, sendRetryBaseMs: 50 });
  org = await h.createOrg('일괄 발송 테스트');
  other = await h.createOrg('다른 회사');
  // Written straight to the table: these records exist before the rule, and no record event is involved.
  for (let i = 0; i < 35; i++) {
    const row = await h.db.record.create({
      data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: `고객${i}`, 전화번호: nextPhone(), 상태: i < 30 ? '신규' : '상담중' } },
    });
    (i < 30 ? matchingIds : otherIds).push(row.id);
  }
});
afterAll(() => h.close());

const enrolled = (enrolmentId: string) => eventually(async () => {
  const run = await h.db.ruleEnrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return run.status === 'done' ? run : null;
}, 30_000, 'enrolment done');

const settledLogs = (linkId: string, count: number) => eventually(async () => {
  const logs = await h.db.alimtalkSendLog.findMany({ where: { linkId } });
  return logs.length >= count && logs.every((l) => l.status !== 'pending') ? logs : null;
}, 30_000, `${count} settled sends`);

describe('enrolling records that already match', () => {
  let linkId: string;
  let firstRun: string;

  it('sends once to each of the 30 matching records, resuming after a worker stopped mid-run', async () => {
    const link = await createLink(h, org, { name: '기존 신규 고객', triggerType: 'on_update' });
    linkId = link.id;
    const preview = await org.admin.templateLinks.preview({ linkId });
    expect(preview.matching).toBe(30);

    const started = await org.admin.enrolments.start({ linkId });
    // The progress bar's whole is the preview's count: the 30 that match, not the partition's 35.
    expect(started).toMatchObject({ status: 'running', total: 30, processed: 0, considered: 0, retryOfId: null });
    // A second click while it runs is the same run, not a second one.
    expect((await org.admin.enrolments.start({ linkId })).id).toBe(started.id);
    firstRun = started.id;

    // A worker took one page of ten records and died: that page is committed with its progress, nothing more.
    await runEnrolment(h.deps, started.id, { pageSize: 10, maxPages: 1 });
    const halfway = await org.member.enrolments.latest({ linkId });
    expect(halfway).toMatchObject({ id: started.id, status: 'running', processed: 10 });

    // The queued job (still there: the stopped worker never finished it) resumes after the last committed page.
    await h.startWorker({ cron: false });
    const run = await enrolled(started.id);
    expect(run).toMatchObject({ processed: 35, considered: 30, sent: 30, skipped: 0, error: null });
    expect(await org.member.enrolments.latest({ linkId })).toMatchObject({ tally: { sent: 30, already_sent: 0 }, retryable: 0 });

    const logs = await settledLogs(linkId, 30);
    expect(logs).toHaveLength(30);
    expect(new Set(logs.map((l) => l.recordId))).toEqual(new Set(matchingIds));
    expect(logs.every((l) => l.triggerType === 'auto' && l.status === 'accepted' && l.enrolmentId === started.id)).toBe(true);
    const atNhn = h.fakeNhn.received().filter((m) => m.accepted && logs.some((l) => l.id === m.recipientGroupingKey));
    expect(atNhn).toHaveLength(30);
  });

  it('a second run sends nothing more: every matching record was sent to already', async () => {
    const again = await org.admin.enrolments.start({ linkId });
    expect(again.id).not.toBe(firstRun);
    const run = await enrolled(again.id);
    expect(run).toMatchObject({ processed: 35, considered: 30, sent: 0, skipped: 30 });
    expect(await org.member.enrolments.latest({ linkId })).toMatchObject({ tally: { sent: 0, already_sent: 30 }, retryable: 0 });
    expect(await h.db.alimtalkSendLog.count({ where: { linkId } })).toBe(30);
    // Each record's history says why the second run did not send to it.
    const history = await org.member.automationEvents.list({ recordId: matchingIds[0]!, limit: 10 });
    expect(history.items.map((e) => [e.event, e.decision, e.reason])).toEqual([
      ['enrol', 'skipped', 'already_sent'],
      ['enrol', 'fired', null],
    ]);
    // Replaying a page of a finished run changes nothing either.
    await runEnrolment(h.deps, firstRun, { pageSize: 10 });
    expect(await h.db.alimtalkSendLog.count({ where: { linkId } })).toBe(30);
  });

  it('the results count the enrolled sends and their delivery', async () => {
    await eventually(async () => {
      await pollDeliveryResults(h.deps);
      return (await h.db.alimtalkSendLog.count({ where: { linkId, status: 'delivered' } })) === 30;
    }, 30_000, 'delivered');
    const results = await org.member.ruleResults.forRule({ linkId, days: 7 });
    expect(results.funnel).toMatchObject({ sent: 30, delivered: 30, failed: 0 });
    expect(results.daily).toHaveLength(8);
  });

  it('does not re-send to a record the rule already sent to through its trigger', async () => {
    await h.db.alimtalkTemplateLink.update({ where: { id: linkId }, data: { isActive: false } });
    const link = await createLink(h, org, { name: '상태 안내', triggerType: 'on_update', templateCode: 'SF_STATUS' });
    // The trigger fires for this record now (상담중 → 신규): it is sent to before anyone enrols.
    await org.admin.records.update({ id: otherIds[0]!, data: { 상태: '신규' } });
    const [first] = await settledLogs(link.id, 1);
    expect(first).toMatchObject({ recordId: otherIds[0], status: 'accepted', enrolmentId: null });

    const started = await org.admin.enrolments.start({ linkId: link.id });
    expect(await enrolled(started.id)).toMatchObject({ sent: 30, skipped: 1 });
    const logs = await settledLogs(link.id, 31);
    expect(logs).toHaveLength(31);
    expect(new Set(logs.map((l) => l.recordId)).size).toBe(31);
  });

  it('refuses a rule that is off, a manual rule, and another org’s rule — changing nothing', async () => {
    await expect(org.admin.enrolments.start({ linkId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const manual = await createLink(h, org, { name: '수동', triggerType: 'manual' });
    await expect(org.admin.enrolments.start({ linkId: manual.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(other.admin.enrolments.start({ linkId: manual.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.admin.enrolments.latest({ linkId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.member.enrolments.start({ linkId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.db.ruleEnrolment.count({ where: { linkId: manual.id } })).toBe(0);
  });
});

describe('per-rule results from a known set of rows', () => {
  it('counts the funnel, the goal rate and the median time to goal for 7 and 30 days, one org only', async () => {
    const now = Date.now();
    const ago = (hours: number) => new Date(now - hours * 3_600_000);
    const link = await createLink(h, other, {
      name: '응답 독촉',
      triggerType: 'on_update',
      repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    });
    const ids = Array.from({ length: 10 }, () => crypto.randomUUID());
    const ev = (i: number, decision: string, reason: string | null, hoursAgo: number) =>
      ({ orgId: other.orgId, linkId: link.id, recordId: ids[i]!, event: 'update', decision, reason, createdAt: ago(hoursAgo) });
    await h.db.automationEvent.createMany({
      data: [
        ev(0, 'fired', null, 1), ev(1, 'fired', null, 2), ev(2, 'fired', null, 3), ev(3, 'fired', null, 4),
        ev(4, 'skipped', 'cooldown', 5), ev(5, 'skipped', 'condition_false', 6), ev(6, 'skipped', 'condition_false', 7),
        ev(7, 'fired', null, 24 * 10), // outside 7 days, inside 30
      ],
    });
    const log = (i: number, status: 'accepted' | 'delivered' | 'failed' | 'skipped', hoursAgo: number, extra: object = {}) => ({
      orgId: other.orgId, linkId: link.id, recordId: ids[i]!, templateCode: 'SF_WELCOME', recipientNo: nextPhone(), content: '안내',
      triggerType: 'auto' as const, status, dedupeKey: `known:${i}:${status}:${hoursAgo}`, createdAt: ago(hoursAgo), ...extra,
    });
    await h.db.alimtalkSendLog.createMany({
      data: [
        log(0, 'delivered', 1), log(1, 'delivered', 2), log(2, 'accepted', 3),
        log(3, 'failed', 4, { reason: 'delivery_failed', fallbackStatus: 'sent' }),
        log(4, 'skipped', 5, { reason: 'cooldown' }),
        log(7, 'delivered', 24 * 10),
        { ...log(8, 'delivered', 2), triggerType: 'manual' as const }, // an admin's send, not the rule's
      ],
    });
    const series = (i: number, status: 'completed' | 'cancelled' | 'pending', endReason: string | null, firstAgo: number, endAgo: number) => ({
      orgId: other.orgId, linkId: link.id, recordId: ids[i]!, status, endReason, nextRunAt: ago(-24), createdAt: ago(firstAgo), updatedAt: ago(endAgo),
    });
    await h.db.alimtalkAutomationQueue.createMany({
      data: [
        series(0, 'completed', 'stop_condition_met', 50, 2), // 48 h to goal
        series(1, 'completed', 'stop_condition_met', 30, 6), // 24 h to goal
        series(2, 'completed', 'max_repeat_reached', 80, 3),
        series(3, 'pending', null, 5, 5),
      ],
    });
    // Prisma stamps updatedAt itself; the series' end times are part of the known set.
    for (const [i, endAgo] of [[0, 2], [1, 6], [2, 3]] as const) {
      await h.db.$executeRaw`UPDATE "AlimtalkAutomationQueue" SET "updatedAt" = ${ago(endAgo)} WHERE "recordId" = ${ids[i]}::uuid`;
    }

    const week = await other.member.ruleResults.forRule({ linkId: link.id, days: 7 });
    expect(week.isRepeat).toBe(true);
    expect(week.funnel).toEqual({ evaluated: 7, matched: 5, sent: 4, delivered: 2, failed: 1, fallbackSent: 1 });
    expect(week.goal).toEqual({ ended: 3, goalReached: 2, goalRate: 2 / 3, medianMsToGoal: 36 * 3_600_000 });
    expect(week.daily.reduce((sum, d) => sum + d.sent, 0)).toBe(4);

    const month = await other.member.ruleResults.forRule({ linkId: link.id, days: 30 });
    expect(month.funnel).toMatchObject({ evaluated: 8, matched: 6, sent: 5, delivered: 3 });
    expect(month.daily).toHaveLength(31);

    const overview = await other.member.ruleResults.overview({ days: 7 });
    expect(overview.rules.map((r) => r.linkId)).toEqual([link.id]);
    expect(overview.rules[0]).toMatchObject({ name: '응답 독촉', funnel: week.funnel, goal: week.goal });
    // The first org's rules never see these rows, and cannot ask for this rule.
    expect((await org.member.ruleResults.overview({ days: 7 })).rules.every((r) => r.linkId !== link.id)).toBe(true);
    await expect(org.member.ruleResults.forRule({ linkId: link.id, days: 7 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.member.ruleResults.forRule({ linkId: link.id, days: 14 as 7 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
