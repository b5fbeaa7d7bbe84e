// SMS/LMS fallback (대체 발송) end to end: a rule saved through templateLinks → record created → real graphile-worker
// → fake NHN over HTTP (which knows numbers that are not on KakaoTalk) → delivery poll → send log and CSV.
import { toSmsText } from '@alimflow/automation-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
import { pollDeliveryResults } from '../src/services/delivery.ts';
import { applyFallbacks, LATE_FALLBACK_HORIZON_MS, pollLateFallbacks } from '../src/services/late-fallback.ts';
import { nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness({ deliveryDelayMs: 20, sendRetryBaseMs: 50 });
  org = await h.createOrg('대체 발송 테스트');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());
afterEach(async () => {
  await h.db.alimtalkTemplateLink.updateMany({ where: { orgId: org.orgId }, data: { isActive: false } });
});

const rule = (name: string, fallback: unknown) =>
  org.admin.templateLinks.create({
    partitionId: org.partitionId,
    templateId: org.templateIds['SF_WELCOME']!,
    name,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_create',
    triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
    cooldownHours: 0,
    fallback: fallback as never,
  });

async function sendFor(name: string, phone: string) {
  const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: name, 전화번호: phone, 상태: '신규' } });
  return eventually(async () => {
    const [log] = await h.db.alimtalkSendLog.findMany({ where: { recordId: record.id } });
    return log && log.status !== 'pending' ? log : null;
  }, 15_000, `send log of ${name}`);
}

/** Polls delivery results until the log is final and, for a non-Kakao number, its fallback has come in. */
async function finalLog(id: string, expectFallback: boolean) {
  return eventually(async () => {
    await pollDeliveryResults(h.deps);
    const row = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id } });
    const final = row.status === 'delivered' || row.status === 'failed';
    return final && (!expectFallback || row.fallbackStatus !== null) ? row : null;
  }, 15_000, 'final send log');
}

const atNhn = (sendLogId: string) => h.fakeNhn.received().filter((m) => m.recipientGroupingKey === sendLogId && m.accepted);

describe('SMS fallback with the AlimTalk text', () => {
  it('a number not on KakaoTalk gets the SMS (cut to 90 bytes) and the log says so; a KakaoTalk number has no fallback', async () => {
    const link = await rule('SMS 대체 규칙', { type: 'SMS', sendNo: '02-1234-5678' });
    expect(link.fallback).toEqual({ type: 'SMS', sendNo: '0212345678', title: null, content: null });

    const notKakao = nextPhone();
    h.fakeNhn.setNonKakao(notKakao, 'sent');
    const sent = await sendFor('김대체', notKakao);
    expect(sent).toMatchObject({ status: 'accepted', fallbackType: 'SMS', fallbackStatus: null });

    const [line] = atNhn(sent.id);
    const resend = line!.resendParameter!;
    expect(resend).toMatchObject({ isResend: true, resendType: 'SMS', resendSendNo: '0212345678', resendTitle: null });
    // The AlimTalk text is longer than an SMS: what goes out is its start, within 90 EUC-KR bytes.
    expect(toSmsText(sent.content).bytes).toBeGreaterThan(90);
    expect(toSmsText(resend.resendContent!).bytes).toBeLessThanOrEqual(90);
    expect(sent.content.startsWith(resend.resendContent!)).toBe(true);
    expect(resend.resendContent).toContain('김대체님');

    const row = await finalLog(sent.id, true);
    expect(row).toMatchObject({ status: 'failed', deliveryCode: '3019', fallbackType: 'SMS', fallbackStatus: 'sent', fallbackResultCode: '0' });
    const shown = await org.member.sendLogs.get({ id: sent.id });
    expect(shown).toMatchObject({ status: 'failed', fallbackType: 'SMS', fallbackStatus: 'sent' });

    const onKakao = await sendFor('이카톡', nextPhone());
    expect(atNhn(onKakao.id)[0]!.resendParameter).toMatchObject({ isResend: true, resendType: 'SMS' });
    const delivered = await finalLog(onKakao.id, false);
    expect(delivered).toMatchObject({ status: 'delivered', fallbackType: 'SMS', fallbackStatus: null, fallbackResultCode: null });
    expect((await org.member.sendLogs.get({ id: onKakao.id })).fallbackStatus).toBeNull();
  });
});

describe('retrying a failed send', () => {
  it('refuses one whose SMS fallback went out (the person has the text), in Korean or English; retries one whose fallback failed', async () => {
    await rule('재발송 확인 규칙', { type: 'SMS', sendNo: '02-1234-5678' });
    const texted = nextPhone();
    h.fakeNhn.setNonKakao(texted, 'sent');
    const viaSms = await finalLog((await sendFor('문자받음', texted)).id, true);
    expect(viaSms).toMatchObject({ status: 'failed', fallbackStatus: 'sent' });
    const untexted = nextPhone();
    h.fakeNhn.setNonKakao(untexted, 'failed');
    const notReached = await finalLog((await sendFor('못받음', untexted)).id, true);
    expect(notReached).toMatchObject({ status: 'failed', fallbackStatus: 'failed' });

    await expectTRPCError(org.admin.sendLogs.retry({ ids: [viaSms.id] }), 'PRECONDITION_FAILED', /^문자\(SMS\/LMS\)로 대체 발송되어 이미 전달되었습니다/);
    const { token, hash } = newToken('sess');
    await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
    await expectTRPCError(h.callerWithCookie(token, { language: 'en' }).sendLogs.retry({ ids: [viaSms.id] }), 'PRECONDITION_FAILED', /^Already delivered as a text message/);

    // Both chosen at once: the one nobody reached goes out again, the other is left out and says why.
    const both = await org.admin.sendLogs.retry({ ids: [viaSms.id, notReached.id] });
    expect(both.queued).toBe(1);
    expect(both.results.map((r) => [r.id, r.outcome])).toEqual([[viaSms.id, 'fallback_sent'], [notReached.id, 'queued']]);
    expect(await h.db.alimtalkSendLog.count({ where: { dedupeKey: { startsWith: `retry:${viaSms.id}:` } } })).toBe(0);
    const again = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: both.results[1]!.newSendLogId! } });
    expect(again).toMatchObject({ recipientNo: untexted, dedupeKey: `retry:${notReached.id}:1` });
  });
});

describe('retrying while a fallback is under way', () => {
  /** A KakaoTalk failure whose SMS NHN has not reported on yet (the fake reports it in 10 minutes). */
  async function pendingFallback(name: string) {
    const phone = nextPhone();
    h.fakeNhn.setNonKakao(phone, 'sent', { reportAfterMs: 600_000 });
    const log = await finalLog((await sendFor(name, phone)).id, false);
    expect(log).toMatchObject({ status: 'failed', fallbackType: 'SMS', fallbackStatus: null, requestId: expect.any(String) });
    return log;
  }
  const retries = (id: string) => h.db.alimtalkSendLog.count({ where: { dedupeKey: { startsWith: `retry:${id}:` } } });

  it('refuses it in Korean or English (the person may still get the text), and retries it once the text failed', async () => {
    await rule('대체 진행 중 규칙', { type: 'SMS', sendNo: '02-1234-5678' });
    const log = await pendingFallback('대기중');
    await expectTRPCError(org.admin.sendLogs.retry({ ids: [log.id] }), 'PRECONDITION_FAILED', /^문자\(SMS\/LMS\) 대체 발송 결과를 기다리는 중입니다/);
    const { token, hash } = newToken('sess');
    await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
    const english = h.callerWithCookie(token, { language: 'en' });
    await expectTRPCError(english.sendLogs.retry({ ids: [log.id] }), 'PRECONDITION_FAILED', /^The text-message \(SMS\/LMS\) fallback is still under way/);
    expect(await retries(log.id)).toBe(0);

    // NHN reports that the text failed: nobody got anything, so it may go out again.
    const total = { orgs: 0, pages: 0, delivered: 0, failed: 0, fallbackSent: 0, fallbackFailed: 0, lateFallbackLookups: 0, errors: 0 };
    await applyFallbacks(h.deps, org.orgId, [{ requestId: log.requestId!, recipientSeq: log.recipientSeq!, resendStatus: 'RSC05', resendResultCode: '-1' }], h.deps.now(), total);
    const retried = await org.admin.sendLogs.retry({ ids: [log.id] });
    expect(retried).toMatchObject({ queued: 1, results: [{ id: log.id, outcome: 'queued' }] });
    expect(await retries(log.id)).toBe(1);
    // The retry fails on KakaoTalk too; its text's end is written now so the late-fallback pass of later tests
    // (which looks across orgs) does not keep asking for it.
    const again = await finalLog(retried.results[0]!.newSendLogId!, false);
    await applyFallbacks(h.deps, org.orgId, [{ requestId: again.requestId!, recipientSeq: again.recipientSeq!, resendStatus: 'RSC05', resendResultCode: '-1' }], h.deps.now(), total);
    expect(total.fallbackFailed).toBe(2);
  });

  it('holds against the fallback result being written at the same moment: the retry waits for it and refuses', async () => {
    await rule('대체 결과 경합 규칙', { type: 'SMS', sendNo: '02-1234-5678' });
    const log = await pendingFallback('경합');
    // Sent longer ago than anyone waits for a fallback result: with no result stored it could be retried.
    await h.db.alimtalkSendLog.update({ where: { id: log.id }, data: { sentAt: new Date(Date.now() - LATE_FALLBACK_HORIZON_MS - 60_000) } });

    // The result comes in (as applyFallbacks writes it) in a transaction still open when the retry arrives.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const poll = h.db.$transaction(async (tx) => {
      await tx.alimtalkSendLog.updateMany({ where: { id: log.id, fallbackStatus: null }, data: { fallbackStatus: 'sent', fallbackResultCode: '0' } });
      written();
      await gate;
    }, { timeout: 30_000 });
    await wrote;
    let settled = false;
    const retry = org.admin.sendLogs.retry({ ids: [log.id] }).finally(() => (settled = true));
    retry.catch(() => undefined);
    // The retry either waits on the row lock (what must happen) or — without the lock — decides on the old row.
    await eventually(async () => {
      if (settled) return true;
      const [row] = await h.db.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      return row!.waiting > 0;
    }, 15_000, 'the retry waiting on the send log');
    release();
    await poll;
    await expectTRPCError(retry, 'PRECONDITION_FAILED', /^문자\(SMS\/LMS\)로 대체 발송되어 이미 전달되었습니다/);
    expect(await retries(log.id)).toBe(0);
  });
});

describe('a fallback reported late', () => {
  it('lands in the log though its org has no accepted sends left to poll, within 3 days, a bounded number of requests a pass', async () => {
    // An org of its own: once its KakaoTalk failures are in, the minute poll has nothing of it to read.
    const late = await h.createOrg('늦은 대체 발송');
    const link = await late.admin.templateLinks.create({
      partitionId: late.partitionId, templateId: late.templateIds['SF_WELCOME']!, name: '늦은 문자', recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' }, triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' }, cooldownHours: 0, fallback: { type: 'SMS', sendNo: '02-1234-5678' },
    });
    const phones = [nextPhone(), nextPhone(), nextPhone()];
    for (const phone of phones) h.fakeNhn.setNonKakao(phone, 'sent', { reportAfterMs: 1_500 });
    const logs = [];
    for (const [i, phone] of phones.entries()) {
      const record = await late.admin.records.create({ partitionId: late.partitionId, data: { 이름: `늦음${i}`, 전화번호: phone, 상태: '신규' } });
      logs.push(await eventually(async () => {
        await pollDeliveryResults(h.deps);
        const [log] = await h.db.alimtalkSendLog.findMany({ where: { recordId: record.id } });
        return log?.status === 'failed' ? log : null;
      }, 15_000, `KakaoTalk failure ${i}`));
    }
    // The KakaoTalk failures came in with the text message still on its way (RSC03).
    expect(logs.map((l) => [l.deliveryCode, l.fallbackType, l.fallbackStatus])).toEqual(phones.map(() => ['3019', 'SMS', null]));
    expect(await h.db.alimtalkSendLog.count({ where: { orgId: late.orgId, status: 'accepted' } })).toBe(0);
    // One was sent 4 days ago: past the horizon, it is no longer asked for.
    await h.db.alimtalkSendLog.update({ where: { id: logs[2]!.id }, data: { sentAt: new Date(Date.now() - 4 * 24 * 3_600_000) } });
    await new Promise((resolve) => setTimeout(resolve, 1_600));

    const total = { orgs: 0, pages: 0, delivered: 0, failed: 0, fallbackSent: 0, fallbackFailed: 0, lateFallbackLookups: 0, errors: 0 };
    await pollLateFallbacks(h.deps, total, { limit: 1 });
    expect(total).toMatchObject({ lateFallbackLookups: 1, fallbackSent: 1, errors: 0 });
    const full = await pollDeliveryResults(h.deps);
    expect(full).toMatchObject({ fallbackSent: 1, errors: 0 });
    const rows = await h.db.alimtalkSendLog.findMany({ where: { id: { in: logs.map((l) => l.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(logs.map((l) => byId.get(l.id)!.fallbackStatus)).toEqual(['sent', 'sent', null]);
    expect(byId.get(logs[0]!.id)).toMatchObject({ status: 'failed', fallbackResultCode: '0' });
    expect((await late.member.sendLogs.list({ linkId: link.id })).items.filter((i) => i.fallbackStatus === 'sent')).toHaveLength(2);
  });
});

describe('LMS fallback with its own text', () => {
  it('renders #{vars} into the LMS text and title, records a failed fallback, and the CSV says so', async () => {
    const link = await rule('LMS 대체 규칙', { type: 'LMS', sendNo: '1588-1234', title: '#{이름}님 안내', content: '#{이름}님, 카카오톡이 없어 문자로 안내드립니다.' });
    const phone = nextPhone();
    h.fakeNhn.setNonKakao(phone, 'failed');
    const sent = await sendFor('박문자', phone);
    expect(atNhn(sent.id)[0]!.resendParameter).toEqual({
      isResend: true,
      resendType: 'LMS',
      resendSendNo: '15881234',
      resendTitle: '박문자님 안내',
      resendContent: '박문자님, 카카오톡이 없어 문자로 안내드립니다.',
    });
    const row = await finalLog(sent.id, true);
    expect(row).toMatchObject({ status: 'failed', fallbackType: 'LMS', fallbackStatus: 'failed', fallbackResultCode: '-1' });

    const listed = await org.member.sendLogs.list({ linkId: link.id });
    expect(listed.items.map((l) => [l.id, l.fallbackStatus])).toEqual([[sent.id, 'failed']]);
    const csv = (await org.member.sendLogs.export({ linkId: link.id })).csv.split('\r\n');
    expect(csv[0]).toContain(',전달 코드,대체 발송,내용,');
    expect(csv[1]).toContain(',3019,"문자 대체 발송 실패 (LMS, -1)",');
  });
});

describe('fallback off and bad input', () => {
  it('a rule without a fallback tells NHN not to fall back, and a non-Kakao number simply fails', async () => {
    await rule('대체 없음', undefined);
    const phone = nextPhone();
    h.fakeNhn.setNonKakao(phone, 'sent');
    const sent = await sendFor('최없음', phone);
    expect(atNhn(sent.id)[0]!.resendParameter).toEqual({ isResend: false, resendType: null, resendTitle: null, resendContent: null, resendSendNo: null });
    const row = await finalLog(sent.id, false);
    expect(row).toMatchObject({ status: 'failed', deliveryCode: '3019', fallbackType: null, fallbackStatus: null });
  });

  it('a sender number that is not one is refused with a specific message, and nothing is saved', async () => {
    const before = await h.db.alimtalkTemplateLink.count({ where: { orgId: org.orgId } });
    await expectTRPCError(rule('잘못된 발신번호', { type: 'SMS', sendNo: '12-ab' }), 'BAD_REQUEST', /Sender number/);
    await expectTRPCError(rule('발신번호 없음', { type: 'LMS' }), 'BAD_REQUEST', /Sender number is required/);
    expect(await h.db.alimtalkTemplateLink.count({ where: { orgId: org.orgId } })).toBe(before);
  });

  it('switching the fallback off on update clears it', async () => {
    const link = await rule('끌 규칙', { type: 'LMS', sendNo: '021234567', title: '제목', content: null });
    const updated = await org.admin.templateLinks.update({ id: link.id, fallback: { type: 'off' } });
    expect(updated.fallback).toEqual({ type: 'off' });
    expect(await h.db.alimtalkTemplateLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ fallbackType: null, fallbackSendNo: null, fallbackTitle: null });
  });
});
