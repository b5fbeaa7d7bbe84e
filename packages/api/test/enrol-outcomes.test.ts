// Issue 15 item 4 end to end (tRPC → graphile-worker → fake NHN over HTTP): what an enrolment run decided for each
// record (an `enrol` automation event and the run's tally), "retry the skipped" over the cooldown and frequency-cap
// skips only, and the never-twice guarantee when runs race each other and a live on_update trigger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
import { noteEnrolmentError, runEnrolment } from '../src/services/enrolment.ts';
import { processDueRepeats } from '../src/services/repeats.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ deliveryDelayMs: 20, sendRetryBaseMs: 50 });
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());

const finished = (enrolmentId: string) =>
  eventually(async () => {
    const run = await h.db.ruleEnrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    return run.status !== 'running' ? run : null;
  }, 30_000, 'enrolment finished');

/** Sends per record for a rule, not counting skips: never more than one is the guarantee. */
async function sendsPerRecord(linkId: string): Promise<Map<string, number>> {
  const logs = await h.db.alimtalkSendLog.findMany({ where: { linkId, status: { not: 'skipped' } }, select: { recordId: true } });
  const counts = new Map<string, number>();
  for (const l of logs) counts.set(l.recordId!, (counts.get(l.recordId!) ?? 0) + 1);
  return counts;
}

/** The org's admin in a session whose language is English. */
async function englishAdmin(org: TestOrg) {
  const { token, hash } = newToken('sess');
  await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 86_400_000) } });
  return h.callerWithCookie(token, { language: 'en' });
}

const addRecords = (org: TestOrg, rows: { 전화번호: string; 상태: string }[]) =>
  Promise.all(rows.map((data, i) => h.db.record.create({ data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: `고객${i}`, ...data } } })));

describe('what an enrolment run decided, and retrying its skips', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await h.createOrg('일괄 발송 결과');
  });

  it('writes one enrol event per matching record with its outcome, tallies them, then retries only the frequency-cap skips', async () => {
    // One automatic message per number a day: of two records sharing a number, the second is capped.
    await org.admin.deliverySettings.update({ frequencyCap: { limit: 1, periodHours: 24 } });
    const shared = [nextPhone(), nextPhone()];
    const records = await addRecords(org, [
      ...Array.from({ length: 4 }, () => ({ 전화번호: nextPhone(), 상태: '신규' })),
      ...shared.flatMap((phone) => [{ 전화번호: phone, 상태: '신규' }, { 전화번호: phone, 상태: '신규' }]),
      { 전화번호: '없음', 상태: '신규' },
      { 전화번호: nextPhone(), 상태: '상담중' },
      { 전화번호: nextPhone(), 상태: '상담중' },
    ]);
    const link = await createLink(h, org, { name: '기존 고객 안내', triggerType: 'on_update', cooldownHours: 24 });

    const started = await org.admin.enrolments.start({ linkId: link.id });
    expect(started).toMatchObject({ total: 9, considered: 0, retryable: 0 });
    const run = await finished(started.id);
    const latest = await org.member.enrolments.latest({ linkId: link.id });
    expect(latest).toMatchObject({ id: run.id, status: 'done', processed: 11, considered: 9, sent: 6, skipped: 3, retryable: 2 });
    expect(latest!.tally).toMatchObject({ sent: 6, held: 0, frequency_cap: 2, no_phone: 1, already_sent: 0, cooldown: 0 });

    // The rule's history has the run's decisions, one per matching record, filtered by kind.
    const events = await org.member.automationEvents.list({ linkId: link.id, event: 'enrol', limit: 50 });
    expect(events.items).toHaveLength(9);
    expect(events.items.every((e) => e.event === 'enrol' && (e.detail as { enrolmentId?: string }).enrolmentId === run.id)).toBe(true);
    const reasons = events.items.map((e) => `${e.decision}:${e.reason ?? ''}`).sort();
    expect(reasons).toEqual([...Array(6).fill('fired:'), 'skipped:frequency_cap', 'skipped:frequency_cap', 'skipped:invalid_phone'].sort());
    const capped = events.items.filter((e) => e.reason === 'frequency_cap').map((e) => e.recordId);
    expect(events.items.find((e) => e.reason === 'frequency_cap')!.sendLog).toMatchObject({ status: 'skipped', reason: 'frequency_cap' });
    expect((await org.member.automationEvents.list({ linkId: link.id, event: 'update', limit: 50 })).items).toHaveLength(0);

    // With the cap lifted, a retry sends to the capped
    // records only — and one that stopped matching meanwhile is said to, not sent to.
    await org.admin.deliverySettings.update({ frequencyCap: null });
    const changed = await h.db.record.findUniqueOrThrow({ where: { id: capped[1]! } });
    await h.db.record.update({ where: { id: changed.id }, data: { data: { ...(changed.data as object), 상태: '상담중' } } });
    const retry = await org.admin.enrolments.start({ linkId: link.id, retrySkipped: true });
    expect(retry).toMatchObject({ retryOfId: run.id, total: 2 });
    const retried = await finished(retry.id);
    expect(await org.member.enrolments.latest({ linkId: link.id })).toMatchObject({
      id: retried.id,
      status: 'done',
      processed: 2,
      considered: 2,
      sent: 1,
      skipped: 1,
      retryable: 0,
      tally: { sent: 1, no_longer_matching: 1, frequency_cap: 0 },
    });
    const retriedLog = await h.db.alimtalkSendLog.findFirstOrThrow({ where: { enrolmentId: retry.id, status: { not: 'skipped' } } });
    expect(retriedLog.recordId).toBe(capped[0]);
    const history = await org.member.automationEvents.list({ recordId: capped[0]!, limit: 10 });
    expect(history.items.map((e) => `${e.event}:${e.decision}:${e.reason ?? ''}`)).toEqual(['enrol:fired:', 'enrol:skipped:frequency_cap']);

    // Every record sent to once at most; the one with no phone number and the non-matching ones never.
    const sends = await sendsPerRecord(link.id);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(sends.size).toBe(7);
    expect(sends.has(records[8]!.id)).toBe(false);

    // Nothing left to retry: refused in the caller's language, and no run is started.
    await expect(org.admin.enrolments.start({ linkId: link.id, retrySkipped: true })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/다시 보낼 레코드가 없습니다/),
    });
    const english = await englishAdmin(org);
    await expect(english.enrolments.start({ linkId: link.id, retrySkipped: true })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Nothing to retry: the last bulk send skipped no record for the cooldown or the frequency cap.',
    });
    expect(await h.db.ruleEnrolment.count({ where: { linkId: link.id } })).toBe(2);
  });

  it('refuses to retry a rule that never ran', async () => {
    const link = await createLink(h, org, { name: '처음', triggerType: 'on_update' });
    await expect(org.admin.enrolments.start({ linkId: link.id, retrySkipped: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(org.member.automationEvents.list({ linkId: link.id, event: 'enrol', limit: 5 })).resolves.toMatchObject({ items: [] });
    await expect(org.member.automationEvents.list({ linkId: link.id, event: 'bulk' as 'update', limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('why a run stopped, in the caller\'s language', () => {
  it('stores a code and words it in Korean by default and in English for an English caller', async () => {
    const org = await h.createOrg('중단된 일괄 발송');
    await addRecords(org, Array.from({ length: 4 }, () => ({ 전화번호: nextPhone(), 상태: '신규' })));
    const link = await createLink(h, org, { name: '중단', triggerType: 'on_update', cooldownHours: 0 });
    // A run without its job (the worker leaves it alone): one page, then a server error, then the rule is switched off.
    const run = await h.db.ruleEnrolment.create({ data: { orgId: org.orgId, linkId: link.id, total: 4 } });
    await runEnrolment(h.deps, run.id, { pageSize: 2, maxPages: 1 });
    await noteEnrolmentError(h.deps, run.id);
    const english = await englishAdmin(org);
    expect(await org.member.enrolments.latest({ linkId: link.id })).toMatchObject({
      status: 'running',
      errorCode: 'server_error',
      error: '서버 오류로 실행이 멈췄습니다. 자동으로 다시 시도하며 멈춘 곳부터 이어서 보냅니다.',
    });
    expect(await english.enrolments.latest({ linkId: link.id })).toMatchObject({
      errorCode: 'server_error',
      error: 'The run stopped on a server error; it is retried automatically and continues where it stopped.',
    });

    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
    await runEnrolment(h.deps, run.id, { pageSize: 2 });
    expect(await h.db.ruleEnrolment.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'failed', error: 'rule_unavailable', considered: 2 });
    expect(await org.member.enrolments.latest({ linkId: link.id })).toMatchObject({
      status: 'failed',
      errorCode: 'rule_unavailable',
      error: '규칙이 삭제되었거나 꺼져서 남은 레코드에는 보내지 않았습니다.',
    });
    expect(await english.enrolments.latest({ linkId: link.id })).toMatchObject({
      errorCode: 'rule_unavailable',
      error: 'The rule was deleted or switched off; the remaining records were not sent to.',
    });
    // A run stored before the codes, with English text, reads as its code.
    await h.db.ruleEnrolment.update({ where: { id: run.id }, data: { error: 'The rule was deleted or switched off; the remaining records were not sent to.' } });
    expect(await org.member.enrolments.latest({ linkId: link.id })).toMatchObject({ errorCode: 'rule_unavailable', error: expect.stringMatching(/^규칙이/) });
  });
});

describe('an enrolled send of a repeat rule', () => {
  it('opens the record\'s reminder series once NHN accepts it, and the sweep sends its first reminder', async () => {
    const org = await h.createOrg('반복 규칙 일괄 발송');
    const records = await addRecords(org, [
      ...Array.from({ length: 3 }, () => ({ 전화번호: nextPhone(), 상태: '신규' })),
      { 전화번호: nextPhone(), 상태: '상담중' },
    ]);
    const link = await createLink(h, org, {
      name: '응답 독촉',
      triggerType: 'on_update',
      templateCode: 'SF_REMIND',
      cooldownHours: 0,
      repeatConfig: { intervalHours: 6, maxRepeat: 2, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    });
    const run = await finished((await org.admin.enrolments.start({ linkId: link.id })).id);
    expect(run).toMatchObject({ status: 'done', sent: 3 });
    const logs = await eventually(async () => {
      const rows = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id, enrolmentId: run.id, status: 'accepted' } });
      return rows.length === 3 ? rows : null;
    }, 30_000, '3 enrolled sends accepted');
    expect(logs.every((l) => l.triggerType === 'auto')).toBe(true);

    // One series per enrolled record, due one interval after its send; none for the record that does not match.
    const series = await h.db.alimtalkAutomationQueue.findMany({ where: { linkId: link.id } });
    expect(series.map((s) => s.recordId).sort()).toEqual(records.slice(0, 3).map((r) => r.id).sort());
    for (const s of series) {
      const sent = logs.find((l) => l.recordId === s.recordId)!;
      expect(s).toMatchObject({ status: 'pending', repeatCount: 0, endReason: null });
      expect(s.nextRunAt.getTime()).toBe(sent.sentAt!.getTime() + 6 * 3_600_000);
    }

    // Due now: one customer answered meanwhile, so their series completes; the other two get their first reminder.
    const answered = records[0]!;
    await h.db.record.update({ where: { id: answered.id }, data: { data: { ...(answered.data as object), 상태: '응답완료' } } });
    await h.db.alimtalkAutomationQueue.updateMany({ where: { linkId: link.id }, data: { nextRunAt: new Date(Date.now() - 60_000) } });
    expect(await processDueRepeats(h.deps)).toMatchObject({ sent: 2, completed: 1 });
    const reminders = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id, triggerType: 'repeat' } });
    expect(reminders.map((l) => l.recordId).sort()).toEqual(records.slice(1, 3).map((r) => r.id).sort());
    expect(await h.db.alimtalkAutomationQueue.findFirstOrThrow({ where: { linkId: link.id, recordId: answered.id } })).toMatchObject({
      status: 'completed',
      endReason: 'stop_condition_met',
    });
  });
});

describe('never twice, under concurrency', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await h.createOrg('동시 일괄 발송');
  });

  it('two runs of one rule at once (and two workers on one run) send to each matching record exactly once', async () => {
    const records = await addRecords(org, Array.from({ length: 40 }, () => ({ 전화번호: nextPhone(), 상태: '신규' })));
    const link = await createLink(h, org, { name: '동시 실행', triggerType: 'on_update', cooldownHours: 0 });
    // Two admins' clicks at once are one run.
    const [a, b] = await Promise.all([org.admin.enrolments.start({ linkId: link.id }), org.admin.enrolments.start({ linkId: link.id })]);
    expect(a.id).toBe(b.id);
    // A second run of the same rule, as if the start guard had been bypassed, walking the partition at the same time.
    const second = await h.db.ruleEnrolment.create({ data: { orgId: org.orgId, linkId: link.id, total: 40 } });
    await Promise.all([
      runEnrolment(h.deps, a.id, { pageSize: 7 }),
      runEnrolment(h.deps, a.id, { pageSize: 3 }),
      runEnrolment(h.deps, second.id, { pageSize: 5 }),
    ]);
    const [first, other] = await Promise.all([finished(a.id), finished(second.id)]);

    const sends = await sendsPerRecord(link.id);
    expect(sends.size).toBe(40);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(sends.keys())).toEqual(new Set(records.map((r) => r.id)));
    // Between them the runs sent 40 and said "already sent" for the other 40.
    expect(first.sent + other.sent).toBe(40);
    expect(first.skipped + other.skipped).toBe(40);
    const enrolEvents = await h.db.automationEvent.groupBy({ by: ['reason'], where: { linkId: link.id, event: 'enrol' }, _count: true });
    expect(Object.fromEntries(enrolEvents.map((g) => [g.reason ?? 'fired', g._count]))).toEqual({ fired: 40, already_sent: 40 });
    await eventually(async () => (await h.db.alimtalkSendLog.count({ where: { linkId: link.id, status: 'accepted' } })) === 40, 30_000, '40 accepted');
  });

  it('an enrolment racing live on_update triggers for the same records sends to each once', async () => {
    // A partition of its own: the records of the test above match too.
    const org = await h.createOrg('트리거와 경쟁');
    const records = await addRecords(org, Array.from({ length: 20 }, () => ({ 전화번호: nextPhone(), 상태: '상담중' })));
    const link = await createLink(h, org, { name: '경쟁', triggerType: 'on_update', cooldownHours: 24 });
    // The updates make each record match (a transition the trigger fires on) while the run walks the partition.
    const [run] = await Promise.all([
      org.admin.enrolments.start({ linkId: link.id }),
      ...records.map((r) => org.admin.records.update({ id: r.id, data: { ...(r.data as object), 상태: '신규' } })),
    ]);
    await finished(run.id);
    // Another run after the dust settles finds every record sent to already.
    await eventually(async () => (await h.db.automationEvent.count({ where: { linkId: link.id, event: 'update' } })) === 20, 30_000, '20 trigger decisions');
    const again = await org.admin.enrolments.start({ linkId: link.id });
    expect(await finished(again.id)).toMatchObject({ sent: 0, skipped: 20 });

    const sends = await sendsPerRecord(link.id);
    expect(sends.size).toBe(20);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    // Whoever came second said why: the trigger met the cooldown, or the run found the record sent to already.
    const decided = await h.db.automationEvent.findMany({ where: { linkId: link.id, decision: 'fired' }, select: { recordId: true } });
    expect(decided).toHaveLength(20);
  });
});
