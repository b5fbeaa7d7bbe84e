import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../src/routers/send-logs/export.schema.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError, expectZodError, insertRecord, insertSendLog, welcomeLinkInput } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
let linkId: string;
let recordId: string;
const ids: Record<string, string> = {};

// 2026-03-01 23:59 KST and 2026-03-02 00:00 KST sit on either side of a KST day boundary.
const T = {
  mar1Late: new Date('2026-03-01T14:59:00Z'),
  mar2Early: new Date('2026-03-01T15:00:00Z'),
  mar3: new Date('2026-03-03T03:00:00Z'),
  mar5: new Date('2026-03-05T03:00:00Z'),
};

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('로그 테스트');
  other = await h.createOrg('다른 회사');
  const link = await org.admin.templateLinks.create({ ...welcomeLinkInput(org, '환영 링크'), triggerType: 'on_create' });
  linkId = link.id;
  recordId = (await insertRecord(h, org, { 이름: '가', 전화번호: '01011112222' })).id;
  ids.a = (await insertSendLog(h, org, { createdAt: T.mar1Late, linkId, recordId, triggerType: 'auto', status: 'delivered', recipientNo: '01011112222' })).id;
  ids.b = (await insertSendLog(h, org, { createdAt: T.mar2Early, linkId, recordId, triggerType: 'repeat', status: 'accepted', recipientNo: '01011112222' })).id;
  ids.c = (await insertSendLog(h, org, { createdAt: T.mar3, triggerType: 'manual', status: 'failed', recipientNo: '01099990000', templateCode: 'SF_STATUS', resultCode: '-3005', reason: 'nhn_permanent' })).id;
  ids.d = (await insertSendLog(h, org, { createdAt: T.mar3, triggerType: 'auto', status: 'skipped', reason: 'cooldown', recipientNo: '01033334444', linkId })).id;
  ids.e = (await insertSendLog(h, org, { createdAt: T.mar5, triggerType: 'test', status: 'pending', recipientNo: '01055556666', content: '=HYPERLINK("x"), "따옴표"\n줄바꿈' })).id;
  await insertSendLog(h, other, { createdAt: T.mar3, triggerType: 'auto', status: 'accepted', recipientNo: '01011112222' });
});
afterAll(() => h.close());

describe('sendLogs.list', () => {
  it('lists the org logs newest first with the link name', async () => {
    const { items, nextCursor } = await org.member.sendLogs.list({});
    expect(items.map((l) => l.id)).toEqual([ids.e, ...[ids.c, ids.d].sort().reverse(), ids.b, ids.a]);
    expect(nextCursor).toBeNull();
    expect(items.find((l) => l.id === ids.a)).toMatchObject({ linkName: '환영 링크', linkDeleted: false, recipientDisplay: '010-1111-2222' });
    expect(items.find((l) => l.id === ids.c)).toMatchObject({ linkName: null, resultCode: '-3005', reason: 'nhn_permanent' });
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await org.member.sendLogs.list({ limit: 2, cursor });
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it.each([
    [{ triggerType: 'repeat' as const }, ['b']],
    [{ status: 'failed' as const }, ['c']],
    [{ templateCode: 'SF_STATUS' }, ['c']],
    [{ recipient: '1111-22' }, ['a', 'b']],
    [{ recipient: '3333' }, ['d']],
    [{ from: '2026-03-02' }, ['b', 'c', 'd', 'e']],
    [{ to: '2026-03-01' }, ['a']],
    [{ from: '2026-03-02', to: '2026-03-03' }, ['b', 'c', 'd']],
    [{ from: '2026-03-01T15:00:00Z', to: '2026-03-03T03:00:00Z' }, ['b']],
  ])('filters by %o', async (filter, expected) => {
    const { items } = await org.member.sendLogs.list(filter);
    expect(items.map((l) => l.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
  });

  it('filters by link and record', async () => {
    expect((await org.member.sendLogs.list({ linkId })).items.map((l) => l.id).sort()).toEqual([ids.a, ids.b, ids.d].sort());
    expect((await org.member.sendLogs.list({ recordId })).items.map((l) => l.id).sort()).toEqual([ids.a, ids.b].sort());
  });

  it('keeps the history of a deleted record visible', async () => {
    await h.db.record.delete({ where: { id: recordId } });
    expect((await org.member.sendLogs.list({ recordId })).items).toHaveLength(2);
  });

  it("answers NOT_FOUND when filtering by another org's link or record", async () => {
    const theirLink = await other.admin.templateLinks.create(welcomeLinkInput(other, '남의 링크'));
    const theirRecord = await insertRecord(h, other, { 이름: '남' }, other.partitionId);
    await expectTRPCError(org.member.sendLogs.list({ linkId: theirLink.id }), 'NOT_FOUND');
    await expectTRPCError(org.member.sendLogs.list({ recordId: theirRecord.id }), 'NOT_FOUND');
    await expectTRPCError(org.member.sendLogs.export({ linkId: theirLink.id }), 'NOT_FOUND');
  });

  it.each([
    [{ limit: 0 }, /Limit must be at least 1/],
    [{ limit: 201 }, /Limit can be at most 200/],
    [{ recipient: 'abc' }, /at least one digit/],
    [{ from: '2026-03-05', to: '2026-03-01' }, /"from" must be before "to"/],
    [{ from: 'yesterday' }, /Use a date/],
    [{ status: 'sent' }, /status/],
  ])('refuses %o with the zod message', async (input, message) => {
    await expectZodError(org.member.sendLogs.list(input as never), message);
  });

  it('refuses a forged cursor with BAD_REQUEST', async () => {
    await expectTRPCError(org.member.sendLogs.list({ cursor: 'bm90LWEtY3Vyc29y' }), 'BAD_REQUEST', /페이지 위치\(cursor\)가 올바르지 않습니다/);
  });

  it('works with a Bearer API token', async () => {
    expect((await (await bearerCaller(h, org)).sendLogs.list({})).items).toHaveLength(5);
  });
});

describe('sendLogs.get', () => {
  it('returns one log with its automation events', async () => {
    await h.db.automationEvent.create({
      data: { orgId: org.orgId, linkId, recordId, event: 'create', decision: 'fired', sendLogId: ids.a, detail: { trace: { kind: 'none', result: true } } },
    });
    const log = await org.member.sendLogs.get({ id: ids.a! });
    expect(log).toMatchObject({ id: ids.a, linkName: '환영 링크', status: 'delivered' });
    expect(log.events).toEqual([expect.objectContaining({ event: 'create', decision: 'fired', detail: { trace: { kind: 'none', result: true } } })]);
  });

  it("answers NOT_FOUND for another org's log", async () => {
    const theirs = await h.db.alimtalkSendLog.findFirstOrThrow({ where: { orgId: other.orgId } });
    await expectTRPCError(org.member.sendLogs.get({ id: theirs.id }), 'NOT_FOUND');
    await expectZodError(org.member.sendLogs.get({ id: '123' }), /UUID/);
  });
});

describe('sendLogs.stats', () => {
  it('counts per KST day × triggerType × status, with totals', async () => {
    const s = await org.member.sendLogs.stats({ from: '2026-03-01', to: '2026-03-05' });
    expect(s.rows).toEqual([
      { day: '2026-03-01', triggerType: 'auto', status: 'delivered', count: 1 },
      { day: '2026-03-02', triggerType: 'repeat', status: 'accepted', count: 1 },
      { day: '2026-03-03', triggerType: 'manual', status: 'failed', count: 1 },
      { day: '2026-03-03', triggerType: 'auto', status: 'skipped', count: 1 },
      { day: '2026-03-05', triggerType: 'test', status: 'pending', count: 1 },
    ].sort((x, y) => (x.day + x.triggerType + x.status).localeCompare(y.day + y.triggerType + y.status)));
    expect(s.totals.total).toBe(5);
    expect(s.totals.byStatus).toMatchObject({ delivered: 1, accepted: 1, failed: 1, skipped: 1, pending: 1 });
    expect(s.totals.byTriggerType).toEqual({ manual: 1, auto: 2, repeat: 1, test: 1 });
    expect(s.byDay).toEqual([
      { day: '2026-03-01', count: 1 },
      { day: '2026-03-02', count: 1 },
      { day: '2026-03-03', count: 2 },
      { day: '2026-03-04', count: 0 },
      { day: '2026-03-05', count: 1 },
    ]);
  });

  it('narrows to one link; another org’s link is NOT_FOUND; long ranges are refused', async () => {
    expect((await org.member.sendLogs.stats({ from: '2026-03-01', to: '2026-03-05', linkId })).totals.total).toBe(3);
    const theirLink = await h.db.alimtalkTemplateLink.findFirstOrThrow({ where: { orgId: other.orgId } });
    await expectTRPCError(org.member.sendLogs.stats({ from: '2026-03-01', to: '2026-03-05', linkId: theirLink.id }), 'NOT_FOUND');
    await expectTRPCError(org.member.sendLogs.stats({ from: '2024-01-01', to: '2026-03-05' }), 'BAD_REQUEST', /366일 이내로/);
    await expectZodError(org.member.sendLogs.stats({ from: '2026-03-01' } as never), /to/);
  });
});

describe('sendLogs.export', () => {
  it('returns a CSV with a BOM, a Korean header row and safe quoting', async () => {
    const res = await org.member.sendLogs.export({});
    expect(res).toMatchObject({ rowCount: 5, truncated: false, maxRows: 50_000 });
    expect(res.filename).toMatch(/^alimtalk-send-logs-\d{8}-\d{4}\.csv$/);
    expect(res.csv.startsWith('\uFEFF생성 시각 (KST),')).toBe(true);
    const lines = res.csv.split('\r\n');
    expect(lines).toHaveLength(7);
    // Newest first, KST wall-clock time, dashed phone number, formula neutralised, quotes doubled.
    expect(lines[1]).toContain('2026-03-05 12:00:00');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), ""따옴표""\n줄바꿈"`);
    expect(res.csv).toContain('010-1111-2222');
    expect(res.csv).toContain('2026-03-01 23:59:00');
    expect(res.csv).toContain(',-3005,');
  });

  it('writes trigger, status and reason in the words the SPA sends, next to their codes', async () => {
    const headers = Object.fromEntries(EXPORT_COLUMNS.map((key) => [key, `H:${key}`])) as Record<(typeof EXPORT_COLUMNS)[number], string>;
    const labels = {
      headers,
      triggerType: { manual: 'Manual', auto: 'Automatic', repeat: 'Reminder', test: 'Test' },
      status: { pending: 'Waiting', accepted: 'Accepted', delivered: 'Delivered', failed: 'Failed', skipped: 'Skipped' },
      reason: { cooldown: 'Cooling down' },
    };
    const res = await org.member.sendLogs.export({ triggerType: 'auto', labels });
    const [header, ...rows] = res.csv.replace('\uFEFF', '').split('\r\n').filter(Boolean);
    expect(header).toBe(EXPORT_COLUMNS.map((key) => `H:${key}`).join(','));
    const column = (row: string, key: (typeof EXPORT_COLUMNS)[number]) => row.split(',')[EXPORT_COLUMNS.indexOf(key)];
    const skipped = rows.find((row) => column(row, 'id') === ids.d)!;
    expect([column(skipped, 'triggerType'), column(skipped, 'triggerCode')]).toEqual(['Automatic', 'auto']);
    expect([column(skipped, 'status'), column(skipped, 'statusCode')]).toEqual(['Skipped', 'skipped']);
    expect([column(skipped, 'reason'), column(skipped, 'reasonCode')]).toEqual(['Cooling down', 'cooldown']);
    const delivered = rows.find((row) => column(row, 'id') === ids.a)!;
    expect([column(delivered, 'status'), column(delivered, 'reason'), column(delivered, 'reasonCode')]).toEqual(['Delivered', '', '']);
  });

  it('keeps the code of a reason the SPA sent no words for, and refuses incomplete labels', async () => {
    const res = await org.member.sendLogs.export({ status: 'failed' });
    expect(res.csv.split('\r\n')[0]).toContain('트리거,트리거 코드,상태,상태 코드,사유,사유 코드');
    expect(res.csv).toContain(',failed,failed,nhn_permanent,nhn_permanent,');
    await expectZodError(
      org.member.sendLogs.export({ labels: { headers: {}, triggerType: {}, status: {}, reason: {} } } as never),
      /labels/,
    );
  });

  it('applies the list filters', async () => {
    const res = await org.member.sendLogs.export({ triggerType: 'auto' });
    expect(res.rowCount).toBe(2);
  });

  it('stops at 50,000 rows and says so', async () => {
    // One INSERT … SELECT: Prisma's createMany takes ~25 s for this many rows through the driver adapter.
    await h.db.$executeRaw`
      INSERT INTO "AlimtalkSendLog" (id, "orgId", "templateCode", "recipientNo", content, "triggerType", status, "dedupeKey", "updatedAt")
      SELECT gen_random_uuid(), ${org.orgId}::uuid, 'BULK', '01012345678', '대량', 'manual', 'accepted', 'bulk:' || g, now()
        FROM generate_series(1, 50001) AS g`;
    const res = await org.member.sendLogs.export({ templateCode: 'BULK' });
    expect(res).toMatchObject({ rowCount: 50_000, truncated: true });
    expect(res.note).toMatch(/Only the newest 50,000/);
    const lines = res.csv.split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(50_000);
    // All rows share one createdAt: the (createdAt, id) keyset still pages through them without repeats.
    expect(new Set(lines.map((l) => l.split(',').at(-1))).size).toBe(50_000);
  }, 60_000);

  it('works with a Bearer API token', async () => {
    expect((await (await bearerCaller(h, org)).sendLogs.export({ status: 'failed' })).rowCount).toBe(1);
  });
});
