// The rule preview says what the delivery controls would do now with each matching record — held by the send
// window until its opening, skipped by the frequency cap, inside the rule's cooldown — and it says what the send
// path decides: the same records through decideSends (rolled back) come out the same way. Nothing is written.
import { partitionFields, WEEKDAYS, type Weekday } from '@alimflow/automation-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
import { decideSends, type SendDecision } from '../src/services/send-decision.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';

const DAY = 24 * 3_600_000;
const KST = 9 * 3_600_000;
const HOUR = 3_600_000;
let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('미리보기 통제');
});
afterAll(() => h.close());
afterEach(async () => {
  await org.admin.deliverySettings.update({ sendWindow: null, frequencyCap: null });
  await h.db.alimtalkSendLog.deleteMany({ where: { orgId: org.orgId } });
  await h.db.alimtalkTemplateLink.deleteMany({ where: { orgId: org.orgId } });
  await h.db.record.deleteMany({ where: { orgId: org.orgId } });
});

/** Every weekday but today's (KST), all day: closed now, open from the next KST midnight. */
function windowClosedToday() {
  const today = WEEKDAYS[(new Date(Date.now() + KST).getUTCDay() + 6) % 7]!;
  const days: Weekday[] = WEEKDAYS.filter((d) => d !== today);
  const nextMidnight = new Date((Math.floor((Date.now() + KST) / DAY) + 1) * DAY - KST);
  return { window: { days, start: '00:00', end: '24:00', skipHolidays: false }, opening: nextMidnight };
}

const draft = (triggerType: 'on_create' | 'manual' = 'on_create') => ({
  partitionId: org.partitionId,
  templateId: org.templateIds.SF_WELCOME!,
  recipientField: '전화번호',
  variableMappings: { 이름: '이름', 전화번호: '전화번호', 상태: '상태' },
  triggerType,
});

const addRecord = (name: string, phone: string) =>
  org.admin.records.create({ partitionId: org.partitionId, data: { 이름: name, 전화번호: phone, 상태: '신규' } });

/** A send that counts for the cap and the cooldown, made `hoursAgo` before now. */
async function pastSend(phone: string, hoursAgo: number, extra: { linkId?: string; recordId?: string } = {}) {
  await h.db.alimtalkSendLog.create({
    data: {
      orgId: org.orgId, templateCode: 'SF_WELCOME', recipientNo: phone, content: '…', templateParameter: {}, triggerType: 'auto',
      status: 'accepted', dedupeKey: `past:${phone}:${Math.random()}`, createdAt: new Date(Date.now() - hoursAgo * HOUR), ...extra,
    },
  });
}

/** A caller signed in as the org's admin whose screen is in English. */
async function englishAdmin() {
  const { token, hash } = newToken('sess');
  await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + DAY) } });
  return h.callerWithCookie(token, { language: 'en' });
}

describe('rule preview: what the delivery controls would do now', () => {
  it('counts records held by the window (with its opening in Korean or English) and skipped by the cap, and writes nothing', async () => {
    const { window, opening } = windowClosedToday();
    await org.admin.deliverySettings.update({ sendWindow: window, frequencyCap: { limit: 2, periodHours: 24 } });
    const capped = nextPhone();
    await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '번호 없음', 상태: '신규' } });
    await addRecord('한도 초과', capped);
    await pastSend(capped, 1);
    await pastSend(capped, 2);
    await addRecord('대기', nextPhone()); // newest: the sample
    const logsBefore = await h.db.alimtalkSendLog.count({ where: { orgId: org.orgId } });

    const preview = await org.admin.templateLinks.preview(draft());
    expect(preview.matching).toBe(3);
    expect(preview.wouldSkip.invalidPhone).toBe(1);
    expect(preview.delivery).toEqual({
      sendNow: 0,
      heldByWindow: 1,
      frequencyCapped: 1,
      cooldown: 0,
      until: opening.toISOString(),
      message: '발송 가능 시간까지 대기 (내일 00:00)',
    });
    expect(preview.sample?.delivery).toEqual({ action: 'wait', reason: 'send_window', until: opening.toISOString(), message: '발송 가능 시간까지 대기 (내일 00:00)' });

    const english = await (await englishAdmin()).templateLinks.preview(draft());
    expect(english.delivery.message).toBe('Waiting for the send window (tomorrow 00:00)');
    expect(await h.db.alimtalkSendLog.count({ where: { orgId: org.orgId } })).toBe(logsBefore);
  });

  it('a manual rule is neither held nor capped, like a manual send', async () => {
    const { window } = windowClosedToday();
    await org.admin.deliverySettings.update({ sendWindow: window, frequencyCap: { limit: 1, periodHours: 24 } });
    const phone = nextPhone();
    await addRecord('수동', phone);
    await pastSend(phone, 1);
    const preview = await org.admin.templateLinks.preview(draft('manual'));
    expect(preview.delivery).toMatchObject({ sendNow: 1, heldByWindow: 0, frequencyCapped: 0, cooldown: 0, until: null });
    expect(preview.sample?.delivery).toMatchObject({ action: 'send', reason: null });
  });

  it("a rule's own 'any time' window overrides the org's closed one", async () => {
    await org.admin.deliverySettings.update({ sendWindow: windowClosedToday().window });
    await addRecord('언제든', nextPhone());
    const preview = await org.admin.templateLinks.preview({ ...draft(), sendWindow: { mode: 'always' } });
    expect(preview.delivery).toMatchObject({ sendNow: 1, heldByWindow: 0 });
  });

  it("counts a saved rule's records inside its cooldown, and decideSends decides every record the same way", async () => {
    await org.admin.deliverySettings.update({ frequencyCap: { limit: 1, periodHours: 24 } });
    const link = await createLink(h, org, { name: '쿨다운 규칙', cooldownHours: 24, triggerCondition: {} });
    const [cooledPhone, otherPhone] = [nextPhone(), nextPhone()];
    const cooled = await addRecord('쿨다운', cooledPhone);
    await pastSend(cooledPhone, 3, { linkId: link.id, recordId: cooled.id });
    const otherRule = await addRecord('다른 규칙 발송', otherPhone);
    await pastSend(otherPhone, 3);
    const fresh = await addRecord('처음', nextPhone());

    const preview = await org.admin.templateLinks.preview({ linkId: link.id });
    // The cooldown is asked before the cap (checkSend first), so the cooled record is not counted as capped too.
    expect(preview.delivery).toMatchObject({ sendNow: 1, heldByWindow: 0, frequencyCapped: 1, cooldown: 1 });
    expect(preview.sample).toMatchObject({ recordId: fresh.id, delivery: { action: 'send' } });

    // The send path, on the same rows, in a transaction that is rolled back.
    const row = await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id }, include: { template: true } });
    const partition = await h.db.partition.findUniqueOrThrow({ where: { id: org.partitionId } });
    const now = new Date();
    const records = [cooled, otherRule, fresh];
    const decisions = await h.db
      .$transaction(async (tx) => {
        const { decisions } = await decideSends(
          tx,
          records.map((r) => ({
            orgId: org.orgId, link: row, recordId: r.id, data: r.data as Record<string, unknown>, fields: partitionFields(partition.fields),
            triggerType: 'auto' as const, dedupeKey: `preview-check:${r.id}`, now, applyCooldown: true, recordSkips: false,
          })),
        );
        throw Object.assign(new Error('rollback'), { decisions });
      })
      .catch((e: { decisions?: SendDecision[] }) => e.decisions!);
    expect(decisions.map((d) => (d.outcome === 'skipped' ? d.reason : d.outcome))).toEqual(['cooldown', 'frequency_cap', 'queued']);
    expect(await h.db.alimtalkSendLog.count({ where: { dedupeKey: { startsWith: 'preview-check:' } } })).toBe(0);
  });
});
