import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_REMEMBER_MS } from '../src/auth/session-lookup.ts';
import type { DomainError } from '../src/errors.ts';
import { addJob, QUEUED_RECORD_EVENTS } from '../src/services/jobs.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('레코드');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

const jobs = (recordId: string) =>
  h.db.$queryRaw<{ task_identifier: string; payload: { event: string; before: unknown; after: unknown } }[]>`
    SELECT 'automation.evaluate' AS task_identifier, q.payload FROM (${QUEUED_RECORD_EVENTS}) q WHERE q.payload->>'recordId' = ${recordId} ORDER BY q."jobId"::bigint`;

describe('records API', () => {
  it('creates a record in canonical form and enqueues its evaluation in the same transaction', async () => {
    const record = await org.admin.records.create({
      partitionId: org.partitionId,
      data: { 이름: '  김하늘 ', 전화번호: '+82 10-1234-5678', 상태: '신규' },
    });
    expect(record.data).toEqual({ 이름: '  김하늘 ', 전화번호: '01012345678', 상태: '신규' });
    const queued = await jobs(record.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ task_identifier: 'automation.evaluate', payload: { event: 'create', before: null } });
  });

  it('updates with PATCH semantics: given fields replace, null clears, the rest stay; before/after travel with the job', async () => {
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '이도윤', 전화번호: nextPhone(), 상태: '신규' } });
    const updated = await org.admin.records.update({ id: record.id, data: { 상태: '상담중', 이름: null } });
    expect(updated.data).toEqual({ 전화번호: (record.data as Record<string, unknown>)['전화번호'], 상태: '상담중' });
    const queued = await jobs(record.id);
    expect(queued.map((j) => j.payload.event)).toEqual(['create', 'update']);
    expect(queued[1]!.payload.before).toMatchObject({ 이름: '이도윤', 상태: '신규' });
    expect(queued[1]!.payload.after).toMatchObject({ 상태: '상담중' });
  });

  it('rejects ill-typed and unknown fields with a specific message and writes nothing', async () => {
    const before = await h.db.record.count({ where: { orgId: org.orgId } });
    await expect(
      org.admin.records.create({ partitionId: org.partitionId, data: { 상태: '없는상태', 나이: 3 } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/상태: 다음 중 하나여야 합니다: 신규, 상담중, 응답완료; 나이: 이 파티션의 필드가 아닙니다/) });
    await expect(org.admin.records.create({ partitionId: org.partitionId, data: { 전화번호: 'call me' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('전화번호: 전화번호가 아닙니다 (전화번호에는 숫자'),
    });
    // Field by field too, for a form to mark (over HTTP: tRPC error data fieldProblems, see the server's security test).
    const refused = await org.admin.records.create({ partitionId: org.partitionId, data: { 전화번호: '02-123-4567 내선 3', 점수: 'x' } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^레코드 값이 올바르지 않습니다: 전화번호: 전화번호가 아닙니다 \(전화번호에는 숫자, 공백/) });
    expect(((refused as Error).cause as DomainError).fieldProblems.map((p) => [p.field, p.message.ko])).toEqual([
      ['전화번호', expect.stringMatching(/^전화번호가 아닙니다/)],
      ['점수', expect.stringMatching(/^이 파티션의 필드가 아닙니다/)],
    ]);
    await expect(org.admin.records.create({ partitionId: 'not-a-uuid', data: {} })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('valid id'),
    });
    expect(await h.db.record.count({ where: { orgId: org.orgId } })).toBe(before);
  });

  it('a failed update leaves the record and the queue untouched', async () => {
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '그대로', 상태: '신규' } });
    await expect(org.admin.records.update({ id: record.id, data: { 상태: 'x' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await h.db.record.findUniqueOrThrow({ where: { id: record.id } })).data).toEqual({ 이름: '그대로', 상태: '신규' });
    expect(await jobs(record.id)).toHaveLength(1);
  });

  it('a rolled-back transaction enqueues nothing (jobs ride on the caller’s transaction)', async () => {
    const marker = `rollback-${Date.now()}`;
    await expect(
      h.db.$transaction(async (tx) => {
        await addJob(tx, 'automation.evaluate', { recordId: marker });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await jobs(marker)).toHaveLength(0);
  });

  it('lists newest first with cursor pagination and searches inside values', async () => {
    const p = await h.db.partition.create({ data: { orgId: org.orgId, name: '페이지', fields: [{ key: '이름', label: '이름', type: 'text' }] } });
    for (let i = 0; i < 5; i++) await org.admin.records.create({ partitionId: p.id, data: { 이름: `고객${i}` } });
    const first = await org.admin.records.list({ partitionId: p.id, limit: 2 });
    expect(first.items.map((r) => (r.data as { 이름: string }).이름)).toEqual(['고객4', '고객3']);
    const second = await org.admin.records.list({ partitionId: p.id, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => (r.data as { 이름: string }).이름)).toEqual(['고객2', '고객1']);
    const found = await org.admin.records.list({ partitionId: p.id, search: '객3' });
    expect(found.items).toHaveLength(1);
  });

  it('deleting a record cancels its pending repeat series at once', async () => {
    const link = await createLink(h, org, { triggerType: 'manual' });
    const record = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '삭제', 상태: '신규' } });
    await h.db.alimtalkAutomationQueue.create({
      data: { orgId: org.orgId, linkId: link.id, recordId: record.id, nextRunAt: new Date(Date.now() + 3_600_000) },
    });
    await expect(org.admin.records.delete({ id: record.id })).resolves.toMatchObject({ cancelledRepeats: 1 });
    expect(await h.db.alimtalkAutomationQueue.findFirstOrThrow({ where: { recordId: record.id } })).toMatchObject({
      status: 'cancelled',
      endReason: 'record_deleted',
    });
    await expect(org.admin.records.get({ id: record.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('tenancy', () => {
  it("another org's records, partitions and links answer NOT_FOUND and stay unchanged", async () => {
    const theirs = await other.admin.records.create({ partitionId: other.partitionId, data: { 이름: '남의 고객', 상태: '신규' } });
    await expect(org.admin.records.get({ id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.admin.records.update({ id: theirs.id, data: { 상태: '상담중' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.admin.records.delete({ id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.admin.records.create({ partitionId: other.partitionId, data: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.admin.records.list({ partitionId: other.partitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const theirLink = await createLink(h, other, { triggerType: 'manual' });
    const mine = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '내 고객', 전화번호: nextPhone() } });
    await expect(org.admin.alimtalk.sendManual({ linkId: theirLink.id, recordIds: [mine.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const myLink = await createLink(h, org, { triggerType: 'manual' });
    await expect(org.admin.alimtalk.sendManual({ linkId: myLink.id, recordIds: [theirs.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.db.record.findUniqueOrThrow({ where: { id: theirs.id } })).data).toEqual({ 이름: '남의 고객', 상태: '신규' });
  });

  it('an API token acts as its org, and a revoked one is refused', async () => {
    const { newToken } = await import('../src/auth/tokens.ts');
    const { token, hash } = newToken('aft');
    const row = await h.db.apiToken.create({ data: { orgId: org.orgId, userId: org.adminId, name: 'crm', tokenHash: hash, prefix: token.slice(0, 8) } });
    const api = h.callerWithBearer(token);
    const created = await api.records.create({ partitionId: org.partitionId, data: { 이름: 'API', 상태: '신규' } });
    expect(created.orgId).toBe(org.orgId);
    // Revoked by another process (here: straight in the database): refused once this process's remembered lookup
    // is older than AUTH_REMEMBER_MS. A revocation through this process is refused at once (api-tokens.test.ts).
    await h.db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await new Promise((r) => setTimeout(r, AUTH_REMEMBER_MS + 50));
    await expect(api.records.get({ id: created.id })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('manual sends input', () => {
  it('rejects empty and malformed record lists with the zod message', async () => {
    const link = await createLink(h, org, { triggerType: 'manual' });
    await expect(org.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Choose at least one record'),
    });
    await expect(org.admin.alimtalk.sendManual({ linkId: 'nope', recordIds: ['x'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await h.db.alimtalkSendLog.count({ where: { linkId: link.id } })).toBe(0);
  });
});

describe('sendLogs.retry', () => {
  it('queues a failed send again as a new pending log and leaves the failure in the history', async () => {
    const link = await createLink(h, org, { triggerType: 'manual' });
    const failed = await h.db.alimtalkSendLog.create({
      data: {
        orgId: org.orgId, linkId: link.id, templateCode: 'SF_WELCOME', recipientNo: nextPhone(), content: 'x',
        triggerType: 'manual', status: 'failed', resultCode: '-9999', dedupeKey: `failed:${Date.now()}`,
      },
    });
    const res = await org.admin.sendLogs.retry({ ids: [failed.id] });
    expect(res.queued).toBe(1);
    const fresh = await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: res.results[0]!.newSendLogId! } });
    expect(fresh).toMatchObject({ status: 'pending', recipientNo: failed.recipientNo, triggerType: 'manual', dedupeKey: `retry:${failed.id}:1` });
    expect((await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('failed');
    // Only failed ones; other orgs' ids are not found.
    const again = await org.admin.sendLogs.retry({ ids: [fresh.id] });
    expect(again.results[0]!.outcome).toBe('not_failed');
    await expect(other.admin.sendLogs.retry({ ids: [failed.id] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.admin.sendLogs.retry({ ids: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
  it('a double click queues one retry: the second waits for the first and is refused while it is under way', async () => {
    const link = await createLink(h, org, { triggerType: 'manual' });
    const failed = await h.db.alimtalkSendLog.create({
      data: {
        orgId: org.orgId, linkId: link.id, templateCode: 'SF_WELCOME', recipientNo: nextPhone(), content: 'x',
        triggerType: 'manual', status: 'failed', resultCode: '-9999', dedupeKey: `failed2:${Date.now()}`,
      },
    });
    const clicks = await Promise.allSettled([org.admin.sendLogs.retry({ ids: [failed.id] }), org.admin.sendLogs.retry({ ids: [failed.id] })]);
    expect(clicks.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    const refused = clicks.find((c) => c.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/^이미 다시 보내는 중이거나 다시 보낸 발송입니다/) });
    expect(await h.db.alimtalkSendLog.count({ where: { dedupeKey: { startsWith: `retry:${failed.id}:` } } })).toBe(1);
    // Once that retry has failed too, the send may be retried again.
    await h.db.alimtalkSendLog.updateMany({ where: { dedupeKey: `retry:${failed.id}:1` }, data: { status: 'failed' } });
    const third = await org.admin.sendLogs.retry({ ids: [failed.id] });
    expect(third.results[0]).toMatchObject({ outcome: 'queued' });
    expect((await h.db.alimtalkSendLog.findUniqueOrThrow({ where: { id: third.results[0]!.newSendLogId! } })).dedupeKey).toBe(`retry:${failed.id}:2`);
  });
});
