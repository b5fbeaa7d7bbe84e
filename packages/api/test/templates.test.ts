import { sandboxCredentials } from '@alimflow/alimtalk/fake';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('템플릿 테스트');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());
afterEach(async () => {
  h.fakeNhn.faults.clear();
  await h.db.alimtalkSettings.update({
    where: { orgId: org.orgId },
    data: { provider: 'sandbox', baseUrl: null, appKey: null, secretKey: null, senderKey: sandboxCredentials.senderKey },
  });
});

describe('templates.list', () => {
  it("lists the org's templates with variables, status and whether they can send", async () => {
    const list = await org.member.templates.list();
    expect(list).toHaveLength(5);
    const welcome = list.find((t) => t.templateCode === 'SF_WELCOME')!;
    expect(welcome).toMatchObject({ variables: ['이름', '전화번호'], status: 'TSC03', sendable: true, isCurrentSender: true, linkCount: 0 });
    expect(list.find((t) => t.templateCode === 'SF_VISIT')).toMatchObject({ status: 'TSC02', sendable: false, statusText: 'under review' });
    expect(await org.member.templates.list({ sendableOnly: true })).toHaveLength(3);
  });

  it('counts the links that use a template', async () => {
    await org.admin.templateLinks.create({
      partitionId: org.partitionId,
      templateId: org.templateIds.SF_STATUS!,
      name: '상태 안내',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 상태: '상태' },
    });
    expect((await org.member.templates.list()).find((t) => t.templateCode === 'SF_STATUS')!.linkCount).toBe(1);
  });

  it("never shows another org's templates", async () => {
    await h.db.alimtalkTemplate.update({ where: { id: other.templateIds.SF_WELCOME! }, data: { name: '다른 회사 전용' } });
    const names = (await org.member.templates.list()).map((t) => t.name);
    expect(names).not.toContain('다른 회사 전용');
    const ids = (await org.member.templates.list()).map((t) => t.id);
    expect(ids).not.toContain(other.templateIds.SF_WELCOME);
  });

  it('can keep to the sender key in use', async () => {
    await h.db.alimtalkTemplate.create({
      data: { orgId: org.orgId, senderKey: 'old-sender', templateCode: 'OLD_ONE', name: '옛 템플릿', content: '안녕', variables: [], status: 'TSC03' },
    });
    expect((await org.member.templates.list()).map((t) => t.templateCode)).toContain('OLD_ONE');
    const current = await org.member.templates.list({ currentSenderOnly: true });
    expect(current.map((t) => t.templateCode)).not.toContain('OLD_ONE');
    expect(current.every((t) => t.isCurrentSender)).toBe(true);
  });

  it('works with a Bearer API token', async () => {
    expect(await (await bearerCaller(h, org)).templates.list()).not.toHaveLength(0);
  });

  it('rejects a malformed filter with BAD_REQUEST', async () => {
    await expectTRPCError(org.member.templates.list({ sendableOnly: 'yes' as never }), 'BAD_REQUEST');
  });
});

describe('templates.sync', () => {
  it('upserts from the provider and reports what changed', async () => {
    const first = await org.admin.templates.sync();
    expect(first).toMatchObject({ mode: 'sandbox', total: 5, created: 0, updated: 0, unchanged: 5 });

    h.fakeNhn.upsertTemplate({
      templateCode: 'SF_NEW',
      templateName: '새 템플릿',
      templateContent: '#{이름}님, #{날짜}에 뵙겠습니다.',
      status: 'TSC03',
    } as never);
    const visit = (await h.db.alimtalkTemplate.findUniqueOrThrow({ where: { id: org.templateIds.SF_VISIT! } }));
    h.fakeNhn.upsertTemplate({ templateCode: 'SF_VISIT', templateName: visit.name, templateContent: visit.content, status: 'TSC03' } as never);

    const second = await org.admin.templates.sync();
    expect(second).toMatchObject({ total: 6, created: 1, updated: 1, unchanged: 4 });
    const rows = await h.db.alimtalkTemplate.findMany({ where: { orgId: org.orgId, senderKey: sandboxCredentials.senderKey } });
    expect(rows.find((t) => t.templateCode === 'SF_NEW')).toMatchObject({ variables: ['이름', '날짜'], status: 'TSC03' });
    expect(rows.find((t) => t.templateCode === 'SF_VISIT')!.status).toBe('TSC03');
    expect(rows.every((t) => t.syncedAt.toISOString() === second.syncedAt)).toBe(true);
    // Only this org's copy changed.
    expect(await h.db.alimtalkTemplate.count({ where: { orgId: other.orgId, templateCode: 'SF_NEW' } })).toBe(0);
  });

  it('is for admins only', async () => {
    await expectTRPCError(org.member.templates.sync(), 'FORBIDDEN');
  });

  it("turns NHN's refusal of bad credentials into PRECONDITION_FAILED with NHN's code", async () => {
    await org.admin.settings.update({
      provider: 'nhn',
      baseUrl: h.fakeNhn.url,
      appKey: sandboxCredentials.appKey,
      secretKey: 'wrong-secret',
      senderKey: sandboxCredentials.senderKey,
    });
    await expectTRPCError(org.admin.templates.sync(), 'PRECONDITION_FAILED', /-1001/);
  });

  it('reports incomplete NHN settings as PRECONDITION_FAILED naming what is missing', async () => {
    await h.db.alimtalkSettings.update({ where: { orgId: org.orgId }, data: { provider: 'nhn', appKey: 'a', secretKey: null } });
    await expectTRPCError(org.admin.templates.sync(), 'PRECONDITION_FAILED', /secretKey/);
  });

  it('reports an NHN outage as SERVICE_UNAVAILABLE, never a 500', async () => {
    h.fakeNhn.faults.http500(1, 'templates');
    await expectTRPCError(org.admin.templates.sync(), 'SERVICE_UNAVAILABLE', /잠시 뒤 다시 시도하세요/);
  });

  it('works with a Bearer API token of an admin', async () => {
    expect((await (await bearerCaller(h, org)).templates.sync()).total).toBeGreaterThan(0);
  });
});
