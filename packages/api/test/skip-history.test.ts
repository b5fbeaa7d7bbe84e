// How skips are stored and read back (services/skip-history.ts), without a database: the shapes every history reader
// relies on. The end-to-end path (evaluation → rows → histories, results, a retry) is in automation.test.ts.
import { describe, expect, it } from 'vitest';
import type { AutomationEvent } from '@alimflow/db';
import { eventViews, skipRows, type RuleSkip } from '../src/services/skip-history.ts';

const at = new Date('2026-03-01T00:00:00.000Z');
const ORG = '00000000-0000-4000-8000-000000000001';
const RECORD = '00000000-0000-4000-8000-000000000002';
const link = (n: number) => `00000000-0000-4000-8000-1000000000${String(n).padStart(2, '0')}`;
const skip = (n: number, over: Partial<RuleSkip> = {}): RuleSkip => ({
  orgId: ORG,
  recordId: RECORD,
  event: 'create',
  eventId: 'e1',
  linkId: link(n),
  reason: 'condition_false',
  trace: { kind: 'leaf', expected: `v${n}`, result: false },
  ...over,
});

function stored(row: ReturnType<typeof skipRows>[number], id: string): AutomationEvent {
  return {
    id,
    orgId: row.orgId,
    linkId: row.linkId,
    recordId: row.recordId,
    event: row.event,
    decision: row.decision,
    reason: row.reason,
    detail: row.detail as AutomationEvent['detail'],
    sendLogId: null,
    createdAt: row.createdAt,
    linkIds: [...(row.linkIds ?? [])],
  };
}

describe('skipRows', () => {
  it('keeps a rule alone in its reason on its own row, as before', () => {
    expect(skipRows([skip(1)], at)).toEqual([
      { orgId: ORG, recordId: RECORD, event: 'create', decision: 'skipped', reason: 'condition_false', createdAt: at, linkId: link(1), detail: { eventId: 'e1', trace: skip(1).trace } },
    ]);
  });

  it('puts the rules one event skipped for one reason in one row, each trace under its rule', () => {
    const rows = skipRows([skip(1), skip(2), skip(3, { reason: 'inactive', trace: null }), skip(4)], at);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ linkId: null, linkIds: [link(1), link(2), link(4)], reason: 'condition_false' });
    expect(rows[0]!.detail).toEqual({ eventId: 'e1', traces: { [link(1)]: skip(1).trace, [link(2)]: skip(2).trace, [link(4)]: skip(4).trace } });
    expect(rows[1]).toMatchObject({ linkId: link(3), reason: 'inactive' });
  });

  it('never shares a row across events or records', () => {
    const rows = skipRows([skip(1), skip(2, { eventId: 'e2' }), skip(3, { recordId: '00000000-0000-4000-8000-000000000009' })], at);
    expect(rows.map((r) => r.linkId)).toEqual([link(1), link(2), link(3)]);
  });

  it('writes nothing for no skips', () => {
    expect(skipRows([], at)).toEqual([]);
  });
});

describe('eventViews', () => {
  it('shows an own row as it is, without the empty list', () => {
    const row = stored(skipRows([skip(1)], at)[0]!, 'r1');
    const views = eventViews(row);
    expect(views).toHaveLength(1);
    expect(views[0]).toEqual({ ...row, linkIds: undefined });
    expect('linkIds' in views[0]!).toBe(false);
  });

  it("shows a shared row as each rule's own skip with its own trace and a key of its own", () => {
    const row = stored(skipRows([skip(1), skip(2)], at)[0]!, 'r2');
    const views = eventViews(row);
    expect(views.map((v) => [v.id, v.linkId, v.detail])).toEqual([
      [`r2:${link(1)}`, link(1), { eventId: 'e1', trace: skip(1).trace }],
      [`r2:${link(2)}`, link(2), { eventId: 'e1', trace: skip(2).trace }],
    ]);
    expect(views.every((v) => v.reason === 'condition_false' && v.createdAt === at && v.recordId === RECORD)).toBe(true);
  });

  it("shows only the asked rule's view, and none for a rule the row does not name", () => {
    const row = stored(skipRows([skip(1), skip(2)], at)[0]!, 'r3');
    expect(eventViews(row, link(2)).map((v) => v.linkId)).toEqual([link(2)]);
    expect(eventViews(row, link(7))).toEqual([]);
  });

  it('reads a shared row whose detail lost a trace as a skip without one', () => {
    const row = { ...stored(skipRows([skip(1), skip(2)], at)[0]!, 'r4'), detail: { eventId: 'e1' } };
    expect(eventViews(row).map((v) => v.detail)).toEqual([
      { eventId: 'e1', trace: null },
      { eventId: 'e1', trace: null },
    ]);
  });
});
