// The repeat sweep over many due entries at once (issue 10): several claims per sweep, claims in flight side by side
// and sweeps running together must still advance and send each entry exactly once, end each series once with its
// reason, and defer a cooled-down one without spending its budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDueRepeats, type RepeatSweepResult } from '../src/services/repeats.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { insertQueueEntry, insertRecord, insertSendLog } from './support/router-helpers.ts';

const HOUR = 3_600_000;
let h: Harness;
let org: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('반복 일괄');
});
afterAll(() => h.close());

const stop = { field: '상태', operator: 'eq', value: '응답완료' } as const;

async function due(linkId: string, data: Record<string, unknown>, repeatCount = 0) {
  const record = await insertRecord(h, org, { 이름: '고객', 전화번호: nextPhone(), 상태: '신규', ...data });
  return insertQueueEntry(h, org, { linkId, recordId: record.id, repeatCount, nextRunAt: new Date(Date.now() - 60_000), createdAt: new Date(Date.now() - HOUR) });
}

describe('processDueRepeats over several claims', () => {
  it('three sweeps of small claims, three lanes each: every entry once, with the right outcome and event', async () => {
    const link = await createLink(h, org, { templateCode: 'SF_REMIND', cooldownHours: 0, repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: stop } });
    const cooled = await createLink(h, org, { templateCode: 'SF_REMIND', cooldownHours: 24, repeatConfig: { intervalHours: 2, maxRepeat: 3, stopCondition: stop } });
    const sending = await Promise.all(Array.from({ length: 14 }, () => due(link.id, {})));
    const lastOnes = await Promise.all(Array.from({ length: 4 }, () => due(link.id, {}, 2)));
    const answered = await Promise.all(Array.from({ length: 3 }, () => due(link.id, { 상태: '응답완료' })));
    const badPhone = await Promise.all(Array.from({ length: 2 }, () => due(link.id, { 전화번호: '12' })));
    const gone = await Promise.all(Array.from({ length: 2 }, () => due(link.id, {})));
    await h.db.record.deleteMany({ where: { id: { in: gone.map((e) => e.recordId) } } });
    const deferred = await Promise.all(Array.from({ length: 2 }, () => due(cooled.id, {})));
    const sentAt = new Date(Date.now() - HOUR);
    for (const e of deferred) await insertSendLog(h, org, { linkId: cooled.id, recordId: e.recordId, triggerType: 'auto', status: 'accepted', dedupeKey: `auto:${e.id}`, createdAt: sentAt });

    const results = await Promise.all([1, 2, 3].map(() => processDueRepeats(h.deps, { batchSize: 4, lanes: 3 })));
    const sum = (k: keyof RepeatSweepResult) => results.reduce((n, r) => n + r[k], 0);
    expect({ processed: sum('processed'), sent: sum('sent'), completed: sum('completed'), cancelled: sum('cancelled'), deferred: sum('deferred') }).toEqual({
      processed: 27,
      sent: 18,
      completed: 7,
      cancelled: 4,
      deferred: 2,
    });

    const entries = new Map((await h.db.alimtalkAutomationQueue.findMany({ where: { orgId: org.orgId } })).map((e) => [e.id, e]));
    const logs = await h.db.alimtalkSendLog.findMany({ where: { orgId: org.orgId, triggerType: 'repeat' } });
    const events = await h.db.automationEvent.findMany({ where: { orgId: org.orgId, event: 'repeat' } });
    const eventsOf = (id: string) => events.filter((ev) => ev.recordId === entries.get(id)!.recordId);

    for (const e of sending) {
      expect(entries.get(e.id)).toMatchObject({ status: 'pending', repeatCount: 1 });
      const sent = logs.filter((l) => l.recordId === e.recordId);
      expect(sent.map((l) => [l.status, l.dedupeKey])).toEqual([['pending', `repeat:${e.id}:${e.createdAt.getTime()}:1`]]);
      expect(sent[0]!.content).toContain('고객');
      expect(eventsOf(e.id).map((ev) => [ev.decision, ev.sendLogId])).toEqual([['fired', sent[0]!.id]]);
      expect(eventsOf(e.id)[0]!.detail).toMatchObject({ occurrence: 1, maxRepeat: 3 });
    }
    for (const e of lastOnes) {
      expect(entries.get(e.id)).toMatchObject({ status: 'completed', endReason: 'max_repeat_reached', repeatCount: 3 });
      expect(logs.filter((l) => l.recordId === e.recordId)).toHaveLength(1);
      const decided = eventsOf(e.id).map((ev) => [ev.decision, ev.reason, ev.detail]).sort();
      expect(decided).toEqual([['completed', 'max_repeat_reached', { occurrence: 3 }], ['fired', null, expect.objectContaining({ occurrence: 3 })]]);
    }
    for (const e of answered) {
      expect(entries.get(e.id)).toMatchObject({ status: 'completed', endReason: 'stop_condition_met', repeatCount: 0 });
      expect(eventsOf(e.id)).toEqual([expect.objectContaining({ decision: 'completed', reason: 'stop_condition_met', detail: { trace: expect.objectContaining({ result: true }) } })]);
    }
    for (const e of badPhone) {
      expect(entries.get(e.id)).toMatchObject({ status: 'cancelled', endReason: 'invalid_phone' });
      expect(eventsOf(e.id)).toEqual([expect.objectContaining({ decision: 'cancelled', reason: 'invalid_phone', detail: expect.objectContaining({ message: expect.any(String) }) })]);
    }
    for (const e of gone) {
      expect(entries.get(e.id)).toMatchObject({ status: 'cancelled', endReason: 'record_deleted' });
      // No detail is SQL NULL, as the history's filters expect — not a JSON null.
      const [row] = await h.db.$queryRaw<{ isNull: boolean }[]>`SELECT detail IS NULL AS "isNull" FROM "AutomationEvent" WHERE "recordId" = ${e.recordId}::uuid`;
      expect(row).toEqual({ isNull: true });
    }
    for (const e of deferred) {
      const after = entries.get(e.id)!;
      expect(after).toMatchObject({ status: 'pending', repeatCount: 0 });
      expect(after.nextRunAt.getTime()).toBe(sentAt.getTime() + 24 * HOUR);
      expect(eventsOf(e.id)).toEqual([expect.objectContaining({ decision: 'skipped', reason: 'cooldown' })]);
    }
    expect(logs).toHaveLength(18);
    // A send job waits for each queued row (one per template group of a claim).
    const jobs = await h.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'alimtalk.send'`;
    expect(jobs[0]!.n).toBeGreaterThan(0);
    expect(await processDueRepeats(h.deps, { batchSize: 4, lanes: 3 })).toMatchObject({ processed: 0 });
  });
});
