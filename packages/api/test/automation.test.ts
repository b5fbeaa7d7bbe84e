// The plan's flow end to end: tRPC record API → graphile-worker (real, on this test's database) → fake NHN over
// HTTP → SendLogs, AutomationEvents and repeat entries.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@alimflow/db';
import { sandboxCredentials } from '@alimflow/alimtalk/fake';
import { pollDeliveryResults, requeueStrandedSends } from '../src/services/delivery.ts';
import { processDueRepeats } from '../src/services/repeats.ts';
import { createEventFor, createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';

const HOUR = 3_600_000;
// The app's clock runs `offset` ahead of real time, so repeat tests can jump hours; provider tests keep it at 0
// because the fake NHN stamps messages with the real time.
let offset = 0;
let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offset), deliveryDelayMs: 20, sendRetryBaseMs: 50 });
  org = await h.createOrg('자동화 테스트');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());
// Each test's links fire only in that test.
afterEach(async () => {
  offset = 0;
  h.fakeNhn.faults.clear();
  await h.db.alimtalkTemplateLink.updateMany({ where: { orgId: org.orgId }, data: { isActive: false } });
});

const logsFor = (recordId: string) => h.db.alimtalkSendLog.findMany({ where: { recordId }, orderBy: { createdAt: 'asc' } });
const eventsFor = (recordId: string) => h.db.automationEvent.findMany({ where: { recordId }, orderBy: { createdAt: 'asc' } });
// A rule's decision about a record: its own row, or the shared skip row that names it (skip-history.ts).
const decisionOf = async (recordId: string, linkId: string) => (await eventsFor(recordId)).find((e) => e.linkId === linkId || e.linkIds.includes(linkId));
const received = (sendLogId: string) => h.fakeNhn.received().filter((m) => m.recipientGroupingKey === sendLogId && m.accepted);

async function settled(recordId: string, count: number) {
  return eventually(async () => {
    const logs = await logsFor(recordId);
    return logs.length >= count && logs.every((l) => l.status !== 'pending') ? logs : null;
  }, 15_000, `${count} settled send log(s) for ${recordId}`);
}

describe('FR-01…FR-04, FR-07: on_create and on_update triggers', () => {
  it('sends the welcome message when a lead is created with 상태 = 신규, rendered from its fields', async () => {
    const link = await createLink(h, org, { name: '신규 환영' });
    const phone = nextPhone();
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '김민수', 전화번호: phone, 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ linkId: link.id, triggerType: 'auto', status: 'accepted', recipientNo: phone, templateCode: 'SF_WELCOME' });
    expect(log!.content).toContain('김민수님, 문의해 주셔서 감사합니다.');
    const atNhn = received(log!.id);
    expect(atNhn).toHaveLength(1);
    expect(atNhn[0]!.templateParameter).toMatchObject({ 이름: '김민수' });
    const events = await eventsFor(record.id);
    expect(events.find((e) => e.linkId === link.id)).toMatchObject({ decision: 'fired', sendLogId: log!.id });

    // Acceptance is not delivery: once the fake reports it, the poll moves it to delivered with NHN's code.
    const delivered = await eventually(async () => {
      await pollDeliveryResults(h.deps);
      const row = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: log!.id } });
      return row.status === 'delivered' ? row : null;
    }, 10_000, 'delivered send log');
    expect(delivered).toMatchObject({ status: 'delivered', deliveryCode: '1000' });
  });

  it('stores why a record did not fire: condition false, with the trace', async () => {
    const link = await createLink(h, org);
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '이영희', 전화번호: nextPhone(), 상태: '상담중' } });
    const event = await eventually(async () => (await eventsFor(record.id)).find((e) => e.linkId === link.id), 10_000, 'event');
    expect(event).toMatchObject({ decision: 'skipped', reason: 'condition_false' });
    expect(JSON.stringify(event.detail)).toContain('상담중');
    expect(await logsFor(record.id)).toHaveLength(0);
  });

  it('on_update with became_true fires once when 상태 changes to 상담중, not on unrelated edits', async () => {
    const link = await createLink(h, org, {
      triggerType: 'on_update',
      templateCode: 'SF_STATUS',
      triggerCondition: { field: '상태', operator: 'eq', value: '상담중' },
      cooldownHours: 0,
    });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '박지훈', 전화번호: nextPhone(), 상태: '신규' } });
    await org.admin.records.update({ id: record.id, data: { 이름: '박지훈 고객' } });
    await org.admin.records.update({ id: record.id, data: { 상태: '상담중' } });
    await org.admin.records.update({ id: record.id, data: { 이름: '박지훈 님' } });
    const events = await eventually(async () => {
      const e = (await eventsFor(record.id)).filter((x) => x.linkId === link.id);
      return e.length >= 3 ? e : null;
    }, 10_000, 'three update evaluations');
    // Jobs may run in any order; each carries its own before/after, so the decisions are the same.
    expect(events.map((e) => `${e.decision}:${e.reason}`).sort()).toEqual(['fired:null', 'skipped:condition_false', 'skipped:not_a_transition']);
    const logs = await settled(record.id, 1);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.content).toContain("'상담중'");
  });
});

describe('FR-01/FR-02 through the link API', () => {
  it('a rule saved with templateLinks.create in the plan’s stored shape ({field, value}) fires on create', async () => {
    const created = await org.admin.templateLinks.create({
      partitionId: org.partitionId,
      templateId: org.templateIds['SF_WELCOME']!,
      name: 'API로 만든 환영 규칙',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', value: '신규' },
      cooldownHours: 1,
    });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '규칙', 전화번호: nextPhone(), 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ linkId: created.id, triggerType: 'auto', status: 'accepted' });
    // FR-09 through the API: switched off, the next lead gets nothing.
    await org.admin.templateLinks.setActive({ id: created.id, isActive: false });
    const later = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '꺼짐', 전화번호: nextPhone(), 상태: '신규' } });
    const event = await eventually(() => decisionOf(later.id, created.id), 10_000, 'event');
    expect(event).toMatchObject({ decision: 'skipped', reason: 'inactive' });
    expect(await logsFor(later.id)).toHaveLength(0);
  });
});

describe('FR-09 and FR-10', () => {
  it('a switched-off link sends nothing and says so', async () => {
    const link = await createLink(h, org, { isActive: false });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '최수진', 전화번호: nextPhone(), 상태: '신규' } });
    const event = await eventually(() => decisionOf(record.id, link.id), 10_000, 'event');
    expect(event).toMatchObject({ decision: 'skipped', reason: 'inactive' });
    expect(await logsFor(record.id)).toHaveLength(0);
  });

  it('never sends twice for the same link and record inside the cooldown', async () => {
    await createLink(h, org, {
      triggerType: 'on_update',
      fireOn: 'every_matching_update',
      triggerCondition: { field: '상태', operator: 'eq', value: '상담중' },
      cooldownHours: 2,
    });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '정우성', 전화번호: nextPhone(), 상태: '상담중' } });
    await org.admin.records.update({ id: record.id, data: { 이름: '정우성A' } });
    await settled(record.id, 1);
    await org.admin.records.update({ id: record.id, data: { 이름: '정우성B' } });
    const logs = await settled(record.id, 2);
    expect(logs.map((l) => l.status)).toEqual(['accepted', 'skipped']);
    expect(logs[1]).toMatchObject({ reason: 'cooldown' });
    expect(logs[1]!.resultMessage).toMatch(/next send allowed after/);
    expect(h.fakeNhn.received().filter((m) => m.recipientNo === logs[0]!.recipientNo && m.accepted)).toHaveLength(1);
  });
});

describe('FR-05/FR-06 repeats', () => {
  it('repeats every N hours up to maxRepeat, then completes; cron sweep and counts are exact', async () => {
    const link = await createLink(h, org, {
      name: '리마인드',
      templateCode: 'SF_REMIND',
      cooldownHours: 0,
      repeatConfig: { intervalHours: 24, maxRepeat: 2, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '한가람', 전화번호: nextPhone(), 상태: '신규' } });
    const [first] = await settled(record.id, 1);
    const entry = await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { linkId_recordId: { linkId: link.id, recordId: record.id } } });
    expect(entry).toMatchObject({ status: 'pending', repeatCount: 0 });
    expect(entry.nextRunAt.getTime()).toBe(first!.sentAt!.getTime() + 24 * HOUR);

    expect(await processDueRepeats(h.deps)).toMatchObject({ processed: 0 });
    offset += 24 * HOUR;
    expect(await processDueRepeats(h.deps)).toMatchObject({ processed: 1, sent: 1, completed: 0 });
    await settled(record.id, 2);
    offset += 24 * HOUR;
    expect(await processDueRepeats(h.deps)).toMatchObject({ processed: 1, sent: 1, completed: 1 });
    const logs = await settled(record.id, 3);
    expect(logs.map((l) => l.triggerType)).toEqual(['auto', 'repeat', 'repeat']);
    offset += 24 * HOUR;
    expect(await processDueRepeats(h.deps)).toMatchObject({ processed: 0 });
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      status: 'completed',
      endReason: 'max_repeat_reached',
      repeatCount: 2,
    });
  });

  it('an update that meets the stop condition completes the series at once', async () => {
    const link = await createLink(h, org, {
      templateCode: 'SF_REMIND',
      cooldownHours: 0,
      repeatConfig: { intervalHours: 1, maxRepeat: 10, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '윤하', 전화번호: nextPhone(), 상태: '신규' } });
    await settled(record.id, 1);
    await org.admin.records.update({ id: record.id, data: { 상태: '응답완료' } });
    const entry = await eventually(
      async () => {
        const e = await h.db.alimtalkAutomationQueue.findUnique({ where: { linkId_recordId: { linkId: link.id, recordId: record.id } } });
        return e?.status === 'completed' ? e : null;
      },
      10_000,
      'completed series',
    );
    expect(entry.endReason).toBe('stop_condition_met');
    offset += 2 * HOUR;
    await processDueRepeats(h.deps);
    expect(await logsFor(record.id)).toHaveLength(1);
  });

  it('switching the link off cancels the series at the next sweep', async () => {
    const link = await createLink(h, org, {
      templateCode: 'SF_REMIND',
      cooldownHours: 0,
      repeatConfig: { intervalHours: 1, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '서연', 전화번호: nextPhone(), 상태: '신규' } });
    await settled(record.id, 1);
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
    offset += 2 * HOUR;
    const result = await processDueRepeats(h.deps);
    expect(result.cancelled).toBeGreaterThanOrEqual(1);
    expect(await h.db.alimtalkAutomationQueue.findUniqueOrThrow({ where: { linkId_recordId: { linkId: link.id, recordId: record.id } } })).toMatchObject({
      status: 'cancelled',
      endReason: 'link_inactive',
    });
    expect(await logsFor(record.id)).toHaveLength(1);
  });
});

describe('provider failures', () => {
  it('retries transient NHN failures and sends exactly once', async () => {
    await createLink(h, org);
    h.fakeNhn.faults.http500(2, 'send');
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '재시도', 전화번호: nextPhone(), 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ status: 'accepted', attempts: 3 });
    expect(received(log!.id)).toHaveLength(1);
  });

  it('an answer lost after NHN accepted is reconciled by grouping key, not resent', async () => {
    await createLink(h, org);
    h.fakeNhn.faults.dropAfterProcess(1, 'send');
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '유실', 전화번호: nextPhone(), 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ status: 'accepted' });
    expect(log!.requestId).toBeTruthy();
    expect(received(log!.id)).toHaveLength(1);
  });

  it('a worker that died after NHN accepted (claim expired) is reconciled, not resent', async () => {
    const link = await createLink(h, org, { triggerType: 'manual', triggerCondition: Prisma.DbNull });
    const phone = nextPhone();
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '중단', 전화번호: phone, 상태: '신규' } });
    // The dead worker's state: the row claimed once and its claim run out, the message already at NHN.
    const log = await h.db.alimtalkSendLog.create({
      data: {
        orgId: org.orgId, linkId: link.id, recordId: record.id, templateCode: 'SF_WELCOME', senderKey: sandboxCredentials.senderKey,
        recipientNo: phone, content: '…', templateParameter: { 이름: '중단', 전화번호: phone }, triggerType: 'manual',
        dedupeKey: `crash:${record.id}`, attempts: 1, claimedUntil: new Date(Date.now() - 1000),
      },
    });
    const { provider } = await h.deps.providerForOrg(org.orgId);
    await provider.sendBatch({
      senderKey: sandboxCredentials.senderKey,
      templateCode: 'SF_WELCOME',
      recipients: [{ recipientNo: phone, templateParameter: { 이름: '중단', 전화번호: phone }, recipientGroupingKey: log.id }],
    });
    expect(await requeueStrandedSends(h.deps)).toBeGreaterThanOrEqual(1);
    const [settledLog] = await settled(record.id, 1);
    expect(settledLog).toMatchObject({ id: log.id, status: 'accepted', attempts: 2, resultMessage: expect.stringContaining('confirmed with NHN') });
    expect(received(log.id)).toHaveLength(1);
  });

  it('a permanent NHN refusal is logged once as failed with NHN’s code', async () => {
    await createLink(h, org);
    h.fakeNhn.faults.nhnError(-3005, 1, 'send');
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '거절', 전화번호: nextPhone(), 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ status: 'failed', resultCode: '-3005', reason: 'nhn_refused', attempts: 1 });
    expect((await logsFor(record.id)).length).toBe(1);
  });

  it('an invalid phone number is skipped with the reason instead of reaching NHN', async () => {
    await createLink(h, org);
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '유선', 전화번호: '02-123-4567', 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ status: 'skipped', reason: 'invalid_phone' });
    expect(log!.resultMessage).toMatch(/Landline/);
  });

  it('a value over NHN\'s limit is skipped as value_too_long, with the variable and the limit for the SPA', async () => {
    const link = await createLink(h, org);
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '가'.repeat(1301), 전화번호: nextPhone(), 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ status: 'skipped', reason: 'value_too_long' });
    const event = (await eventsFor(record.id)).find((e) => e.linkId === link.id);
    expect(event).toMatchObject({ decision: 'skipped', reason: 'value_too_long', detail: { variable: '이름', length: 1301, limit: 1300 } });
  });

  it('a field with no value for a variable is skipped as missing_value', async () => {
    await createLink(h, org);
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 전화번호: nextPhone(), 상태: '신규' } });
    const [log] = await settled(record.id, 1);
    expect(log).toMatchObject({ status: 'skipped', reason: 'missing_value' });
  });
});

describe('batching and manual sends', () => {
  it('sends a burst for one template in shared NHN calls', async () => {
    const link = await createLink(h, org, { name: 'burst' });
    const worker = await h.startWorker({ cron: false }); // a second worker: batches must not double up either
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        org.admin.records.create({ partitionId: org.partitionId, data: { 이름: `고객${i}`, 전화번호: nextPhone(), 상태: '신규' } }),
      ),
    );
    // Generous: with every test file of the suite running at once on two cores the chain (40 evaluations, batched
    // sends) has been seen to need more than 20 s. A stuck claim would hold its rows for CLAIM_MS (2 min), so a
    // real hang still fails here — with the rows' states in the message.
    let seen = '';
    const logs = await eventually(async () => {
      const rows = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id } });
      const states = new Map<string, number>();
      for (const r of rows) {
        const state = `${r.status}${r.claimedUntil ? '+claimed' : ''} attempts=${r.attempts}`;
        states.set(state, (states.get(state) ?? 0) + 1);
      }
      seen = JSON.stringify({ rows: rows.length, ...Object.fromEntries(states) });
      return rows.length === 40 && rows.every((r) => r.status === 'accepted') ? rows : null;
    }, 60_000, '40 accepted').catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; send logs: ${seen}`);
    });
    const requestIds = new Set(logs.map((l) => l.requestId));
    expect(requestIds.size).toBeLessThan(40);
    for (const r of created) expect(h.fakeNhn.received().filter((m) => m.recipientGroupingKey && logs.some((l) => l.id === m.recipientGroupingKey && l.recordId === r.id))).toHaveLength(1);
    await worker.stop();
  });

  it('manual sends ignore the cooldown and are logged as manual', async () => {
    const link = await createLink(h, org, { triggerType: 'manual', triggerCondition: Prisma.DbNull, cooldownHours: 24 });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '수동', 전화번호: nextPhone(), 상태: '상담중' } });
    const first = await org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [record.id] });
    const again = await org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [record.id] });
    expect([first.queued, again.queued]).toEqual([1, 1]);
    const logs = await settled(record.id, 2);
    expect(logs.map((l) => [l.triggerType, l.status])).toEqual([
      ['manual', 'accepted'],
      ['manual', 'accepted'],
    ]);
  });

  it('the same requestKey sends once', async () => {
    const link = await createLink(h, org, { triggerType: 'manual', triggerCondition: Prisma.DbNull });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '멱등', 전화번호: nextPhone(), 상태: '상담중' } });
    await org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [record.id], requestKey: 'double-click-1' });
    const second = await org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [record.id], requestKey: 'double-click-1' });
    expect(second.results[0]!.outcome).toBe('duplicate');
    expect(await settled(record.id, 1)).toHaveLength(1);
  });
});

describe('idempotent evaluation', () => {
  it('running the same record event twice writes one decision per link and sends once', async () => {
    const { evaluateRecordEvent } = await import('../src/services/evaluate.ts');
    const fired = await createLink(h, org, { name: 'twice-fired' });
    const skipped = await createLink(h, org, { name: 'twice-skipped', triggerCondition: { field: '상태', operator: 'eq', value: '응답완료' } });
    const record = await h.db.record.create({ data: { orgId: org.orgId, partitionId: org.partitionId, data: { 이름: '두번', 전화번호: nextPhone(), 상태: '신규' } } });
    const payload = createEventFor(record, `replay-${record.id}`);
    await evaluateRecordEvent(h.deps, payload);
    await evaluateRecordEvent(h.deps, payload);
    const events = await eventsFor(record.id);
    expect(events.filter((e) => e.linkId === fired.id).map((e) => e.decision)).toEqual(['fired']);
    expect(events.filter((e) => e.linkId === skipped.id).map((e) => e.decision)).toEqual(['skipped']);
    expect(await settled(record.id, 1)).toHaveLength(1);
  });
});

describe('shared skips: the rules one record event skipped for the same reason', () => {
  it('share one history row, while each rule still shows its own skip, trace and count', async () => {
    const { evaluateRecordEvent, runEvaluateJob } = await import('../src/services/evaluate.ts');
    const own = await h.createOrg('공유 스킵');
    await createLink(h, own, { name: '신규 환영' });
    const values = ['응답완료', '보류', '계약'];
    const skipping = [];
    for (const value of values)
      skipping.push(
        await createLink(h, own, {
          name: `규칙 ${value}`,
          triggerCondition: { field: '상태', operator: 'eq', value },
        }),
      );
    const off = await createLink(h, own, { name: '꺼진 규칙', isActive: false });
    const record = await own.admin.records.create({
      partitionId: own.partitionId,
      data: { 이름: '공유', 전화번호: nextPhone(), 상태: '신규' },
    });
    await settled(record.id, 1);
    const rows = await eventually(
      async () => {
        const r = await eventsFor(record.id);
        return r.length >= 3 ? r : null;
      },
      10_000,
      'three history rows',
    );
    // The fired rule, the three whose condition failed (one row), the rule that is off (alone: its own row).
    expect(rows).toHaveLength(3);
    const shared = rows.find((r) => r.reason === 'condition_false')!;
    expect(shared).toMatchObject({ linkId: null, decision: 'skipped', event: 'create' });
    expect([...shared.linkIds].sort()).toEqual(skipping.map((l) => l.id).sort());
    expect(rows.find((r) => r.reason === 'inactive')).toMatchObject({ linkId: off.id, linkIds: [] });

    // The record's history reads as a row per rule, each with its name and its own condition's trace.
    await own.admin.templateLinks.delete({ id: skipping[2]!.id });
    const history = (await own.member.automationEvents.list({ recordId: record.id })).items;
    expect(history).toHaveLength(5);
    expect(new Set(history.map((e) => e.id)).size).toBe(5);
    skipping.forEach((link, i) => {
      const view = history.find((e) => e.linkId === link.id)!;
      expect(view).toMatchObject({
        decision: 'skipped',
        reason: 'condition_false',
        linkName: link.name,
        linkDeleted: i === 2,
      });
      expect(view.detail).toMatchObject({
        trace: { kind: 'leaf', expected: values[i], actual: '신규', result: false },
      });
    });
    // Paged one stored row at a time, every view comes once.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } =
        await own.member.automationEvents.list({ recordId: record.id, limit: 1, cursor });
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.sort()).toEqual(history.map((e) => e.id).sort());

    // A rule's history finds its skip in the shared row, with only its own trace.
    const ruleHistory = (await own.member.automationEvents.list({ linkId: skipping[1]!.id })).items;
    expect(ruleHistory).toHaveLength(1);
    expect(ruleHistory[0]).toMatchObject({
      linkId: skipping[1]!.id,
      reason: 'condition_false',
      detail: { trace: { expected: '보류' } },
    });
    // Results count the shared skip once for each rule it names.
    for (const link of skipping.slice(0, 2)) {
      const results = await own.member.ruleResults.forRule({ linkId: link.id, days: 7 });
      expect(results.funnel).toMatchObject({ evaluated: 1, matched: 0 });
    }
    const overview = await own.member.ruleResults.overview({ days: 7 });
    expect(overview.rules.filter((r) => r.funnel.evaluated === 1)).toHaveLength(4);

    // A retried evaluation writes no second explanation.
    const again = await h.db.record.create({
      data: {
        orgId: own.orgId,
        partitionId: own.partitionId,
        data: { 이름: '재시도', 전화번호: nextPhone(), 상태: '상담중' },
      },
    });
    const payload = createEventFor(again, `replay-${again.id}`);
    // As graphile-worker runs it: the first attempt, then the same job again (a crash before it was marked done).
    expect(await runEvaluateJob(h.deps, payload, null, 1)).toBeUndefined();
    expect(await runEvaluateJob(h.deps, payload, null, 2)).toBeUndefined();
    await evaluateRecordEvent(h.deps, payload);
    const replayed = await eventsFor(again.id);
    expect(replayed.map((r) => `${r.reason}:${r.linkIds.length}`).sort()).toEqual([
      'condition_false:3',
      'inactive:0',
    ]);
  });
});
