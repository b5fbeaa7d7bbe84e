// Manual sends from the records table: preview (what would go out, what would be skipped and why) and the send
// itself, to chosen rows or to every record a search matches, with a real worker and the fake NHN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '@alimflow/automation-core';
import { Prisma } from '@alimflow/db';
import { newToken } from '../src/auth/tokens.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError, expectZodError, insertRecord, insertSendLog } from './support/router-helpers.ts';

const KST = 9 * 3_600_000;
let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness({ deliveryDelayMs: 20 });
  org = await h.createOrg('수동 발송');
  other = await h.createOrg('다른 조직');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());

const manualLink = (overrides: Parameters<typeof createLink>[2] = {}) =>
  createLink(h, org, { triggerType: 'manual', triggerCondition: Prisma.DbNull, cooldownHours: 24, ...overrides });

describe('previewManual', () => {
  it('counts sends and skips by reason, renders one message, and writes nothing', async () => {
    const link = await manualLink({ name: '미리보기' });
    const tag = `미리보기-${Date.now()}`;
    const ok1 = await insertRecord(h, org, { 이름: `${tag} 김`, 전화번호: nextPhone(), 상태: '신규' });
    const ok2 = await insertRecord(h, org, { 이름: `${tag} 이`, 전화번호: nextPhone(), 상태: '상담중' });
    const noPhone = await insertRecord(h, org, { 이름: `${tag} 박`, 상태: '신규' });
    const recent = await insertRecord(h, org, { 이름: `${tag} 최`, 전화번호: nextPhone(), 상태: '신규' });
    await insertSendLog(h, org, { linkId: link.id, recordId: recent.id, triggerType: 'auto', status: 'accepted' });
    const before = await h.db.alimtalkSendLog.count({ where: { orgId: org.orgId } });
    const ids = [ok1.id, ok2.id, noPhone.id, recent.id];

    const plain = await org.member.alimtalk.previewManual({ linkId: link.id, recordIds: ids });
    expect(plain).toMatchObject({ total: 4, send: 3, skipped: [{ reason: 'invalid_phone', count: 1 }] });
    expect(plain.sample?.content).toMatch(/님, 문의해 주셔서 감사합니다/);

    const withCooldown = await org.member.alimtalk.previewManual({ linkId: link.id, recordIds: ids, applyCooldown: true });
    expect(withCooldown.send).toBe(2);
    expect(withCooldown.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'invalid_phone', count: 1 },
        { reason: 'cooldown', count: 1 },
      ]),
    );
    expect(await h.db.alimtalkSendLog.count({ where: { orgId: org.orgId } })).toBe(before);
    expect(await h.db.automationEvent.count({ where: { linkId: link.id } })).toBe(0);
  });

  it('says per recipient where an automatic send would wait for the window or hit the cap, and still sends them all', async () => {
    const today = WEEKDAYS[(new Date(Date.now() + KST).getUTCDay() + 6) % 7]!;
    await org.admin.deliverySettings.update({
      sendWindow: { days: WEEKDAYS.filter((d) => d !== today), start: '00:00', end: '24:00', skipHolidays: false },
      frequencyCap: { limit: 1, periodHours: 24 },
    });
    try {
      const link = await manualLink({ name: '통제 미리보기' });
      const busyPhone = nextPhone();
      const busy = await insertRecord(h, org, { 이름: '한도', 전화번호: busyPhone, 상태: '신규' });
      await insertSendLog(h, org, { recipientNo: busyPhone, triggerType: 'auto', status: 'delivered' });
      const quiet = await insertRecord(h, org, { 이름: '시간 밖', 전화번호: nextPhone(), 상태: '신규' });
      const noPhone = await insertRecord(h, org, { 이름: '번호 없음', 상태: '신규' });

      const preview = await org.member.alimtalk.previewManual({ linkId: link.id, recordIds: [busy.id, quiet.id, noPhone.id] });
      // A manual send goes out anyway: the counts of what is sent do not change.
      expect(preview).toMatchObject({ total: 3, send: 2, skipped: [{ reason: 'invalid_phone', count: 1 }] });
      expect(preview.delivery).toMatchObject({ outsideWindow: 1, overFrequencyCap: 1 });
      const byRecord = new Map(preview.delivery.recipients.map((r) => [r.recordId, r]));
      const [capped, held] = [byRecord.get(busy.id), byRecord.get(quiet.id)];
      expect(capped).toMatchObject({ recordId: busy.id, recipientNo: busyPhone, window: null, frequencyCap: { count: 1, limit: 1 } });
      expect(held).toMatchObject({ recordId: quiet.id, frequencyCap: null, window: { message: '발송 가능 시간까지 대기 (내일 00:00)' } });
      expect(preview.delivery.recipients).toHaveLength(2);

      const { token, hash } = newToken('sess');
      await h.db.session.create({ data: { userId: org.memberId, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
      const english = await h.callerWithCookie(token, { language: 'en' }).alimtalk.previewManual({ linkId: link.id, recordIds: [quiet.id] });
      expect(english.delivery.recipients[0]!.window!.message).toBe('Waiting for the send window (tomorrow 00:00)');
    } finally {
      await org.admin.deliverySettings.update({ sendWindow: null, frequencyCap: null });
    }
  });

  it('says when the template is not approved', async () => {
    const link = await manualLink({ name: '미승인', templateCode: 'SF_VISIT' });
    const r = await insertRecord(h, org, { 이름: '미승인', 전화번호: nextPhone(), 상태: '신규' });
    const preview = await org.admin.alimtalk.previewManual({ linkId: link.id, recordIds: [r.id] });
    expect(preview).toMatchObject({ total: 1, send: 0, sample: null, skipped: [{ reason: 'template_not_approved', count: 1 }] });
  });

  it('"all matching" uses the records table search', async () => {
    const link = await manualLink({ name: '검색 전체' });
    const tag = `검색대상${Date.now()}`;
    for (let i = 0; i < 3; i++) await insertRecord(h, org, { 이름: `${tag} ${i}`, 전화번호: nextPhone(), 상태: '신규' });
    await insertRecord(h, org, { 이름: '다른 사람', 전화번호: nextPhone(), 상태: '신규' });
    const count = await org.member.records.count({ partitionId: org.partitionId, search: tag });
    expect(count).toEqual({ count: 3, capped: false });
    const preview = await org.member.alimtalk.previewManual({ linkId: link.id, matching: { search: tag } });
    expect(preview).toMatchObject({ total: 3, send: 3 });
    await expectTRPCError(org.admin.alimtalk.previewManual({ linkId: link.id, matching: { search: 'no-such-lead-anywhere' } }), 'BAD_REQUEST', /검색에 맞는 레코드가 없습니다/);
  });

  it('needs exactly one of recordIds and matching', async () => {
    const link = await manualLink();
    await expectZodError(org.admin.alimtalk.previewManual({ linkId: link.id }), /either recordIds or matching/);
    const r = await insertRecord(h, org, { 이름: '둘 다', 전화번호: nextPhone() });
    await expectZodError(org.admin.alimtalk.previewManual({ linkId: link.id, recordIds: [r.id], matching: {} }), /either recordIds or matching/);
  });

  it("another org's link or records answer NOT_FOUND", async () => {
    const theirs = await createLink(h, other, { triggerType: 'manual' });
    const mine = await insertRecord(h, org, { 이름: '내 고객', 전화번호: nextPhone() });
    await expectTRPCError(org.admin.alimtalk.previewManual({ linkId: theirs.id, recordIds: [mine.id] }), 'NOT_FOUND');
    await expectTRPCError(org.admin.alimtalk.previewManual({ linkId: theirs.id, matching: {} }), 'NOT_FOUND');
    await expectTRPCError(org.admin.records.count({ partitionId: other.partitionId }), 'NOT_FOUND');
  });
});

describe('sendManual to a selection', () => {
  it('a member sends to all records matching a search, once per request key, logged as manual with history', async () => {
    const link = await manualLink({ name: '전체 발송' });
    const tag = `전체발송${Date.now()}`;
    const records = [];
    for (let i = 0; i < 3; i++) records.push(await insertRecord(h, org, { 이름: `${tag} ${i}`, 전화번호: nextPhone(), 상태: '신규' }));
    const skippedOne = await insertRecord(h, org, { 이름: `${tag} 번호없음`, 상태: '신규' });
    const input = { linkId: link.id, matching: { search: tag }, requestKey: `req-${tag}` };
    const [first, second] = await Promise.all([org.member.alimtalk.sendManual(input), org.member.alimtalk.sendManual(input)]);
    // A double click: between them the two requests decide each record once; the rest are duplicates.
    const decided = first.queued + first.skipped + second.queued + second.skipped;
    const duplicates = [...first.results, ...second.results].filter((r) => r.outcome === 'duplicate').length;
    expect([decided, duplicates]).toEqual([4, 4]);

    const logs = await eventually(async () => {
      const rows = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id } });
      return rows.length === 4 && rows.every((r) => r.status !== 'pending') ? rows : null;
    }, 15_000, 'manual sends settled');
    expect(logs.every((l) => l.triggerType === 'manual')).toBe(true);
    expect(logs.filter((l) => l.status === 'accepted')).toHaveLength(3);
    expect(logs.find((l) => l.recordId === skippedOne.id)).toMatchObject({ status: 'skipped', reason: 'invalid_phone' });

    const history = await org.member.automationEvents.list({ recordId: records[0]!.id });
    expect(history.items[0]).toMatchObject({ event: 'manual', decision: 'fired', linkId: link.id });
    const logList = await org.member.sendLogs.list({ triggerType: 'manual', linkId: link.id });
    expect(logList.items).toHaveLength(4);
  });

  it('applyCooldown skips a record the rule reached inside its cooldown', async () => {
    const link = await manualLink({ name: '쿨다운 존중' });
    const r = await insertRecord(h, org, { 이름: '최근 받음', 전화번호: nextPhone(), 상태: '신규' });
    await insertSendLog(h, org, { linkId: link.id, recordId: r.id, triggerType: 'auto', status: 'accepted' });
    const result = await org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [r.id], applyCooldown: true });
    expect(result.results[0]).toMatchObject({ outcome: 'skipped', reason: 'cooldown' });
  });
});
