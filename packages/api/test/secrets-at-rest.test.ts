// The NHN secret key at rest: only ciphertext in the table, plain values from before are encrypted once (however
// many processes start together), and a secret no key opens is explained to the admin and to every send.
import { Prisma } from '@alimflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, generateSecretKey } from '../src/security/secret-box.ts';
import { sealStoredSecrets } from '../src/services/stored-secrets.ts';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError } from './support/router-helpers.ts';

const key = generateSecretKey();
let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await createHarness({ secretBox: createSecretBox([key]), deliveryDelayMs: 20 });
  org = await h.createOrg('시크릿 보관');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());

const rawSecret = async (orgId: string) =>
  (await h.db.$queryRaw<{ secretKey: string | null }[]>`select "secretKey" from "AlimtalkSettings" where "orgId" = ${orgId}::uuid`)[0]!.secretKey;

describe('NHN secret key at rest', () => {
  it('select "secretKey" shows ciphertext that opens to the key this org saved', async () => {
    await org.admin.settings.update({ secretKey: 'nhn-secret-0001', appKey: 'app-1', senderKey: 'sender-1' });
    const stored = await rawSecret(org.orgId);
    expect(stored).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+:[\w-]+$/);
    expect(stored).not.toContain('nhn-secret-0001');
    expect(createSecretBox([key]).open(stored!, org.orgId)).toBe('nhn-secret-0001');
  });

  it('encrypts plain values left from before, once, even with several processes starting at the same time', async () => {
    const orgs = await Promise.all([1, 2, 3].map((i) => h.createOrg(`옛 평문 ${i}`)));
    for (const [i, o] of orgs.entries()) {
      await h.db.alimtalkSettings.update({ where: { orgId: o.orgId }, data: { secretKey: `plain-secret-${i}` } });
    }
    const processes = [createSecretBox([key]), createSecretBox([key]), createSecretBox([key])];
    const reports = await Promise.all(processes.map((box) => sealStoredSecrets(h.db, box)));
    // Every plain value was encrypted by exactly one of the processes.
    expect(reports.reduce((n, r) => n + r.encrypted, 0)).toBe(3);
    for (const [i, o] of orgs.entries()) {
      const stored = await rawSecret(o.orgId);
      expect(stored).toMatch(/^v1:/);
      expect(processes[0]!.open(stored!, o.orgId)).toBe(`plain-secret-${i}`);
    }
    expect(await sealStoredSecrets(h.db, processes[0]!)).toEqual({ encrypted: 0, rotated: 0, unreadable: 0 });
  });

  it('re-seals values under an earlier key when the ring has a new first key (rotation)', async () => {
    const newKey = generateSecretKey();
    const rotatedBox = createSecretBox([newKey, key]);
    const report = await sealStoredSecrets(h.db, rotatedBox);
    expect(report.rotated).toBeGreaterThanOrEqual(4);
    expect(report.unreadable).toBe(0);
    const onlyNew = createSecretBox([newKey]);
    expect(onlyNew.open((await rawSecret(org.orgId))!, org.orgId)).toBe('nhn-secret-0001');
    // Put things back for the tests below, which run with the original key.
    await sealStoredSecrets(h.db, createSecretBox([key, newKey]));
  });
});

describe('a stored secret that no key opens', () => {
  let lost: TestOrg;
  beforeAll(async () => {
    lost = await h.createOrg('키 분실');
    const foreign = createSecretBox([generateSecretKey()]);
    await h.db.alimtalkSettings.update({
      where: { orgId: lost.orgId },
      data: { provider: 'nhn', appKey: 'app-lost', senderKey: 'sender-lost', secretKey: foreign.seal('gone', lost.orgId) },
    });
  });

  it('settings say it cannot be decrypted and count it as missing', async () => {
    expect(await lost.admin.settings.get()).toMatchObject({
      hasSecretKey: true,
      secretKeyUnreadable: true,
      nhnCredentialsComplete: false,
      missingNhnCredentials: ['secretKey'],
    });
    expect(await sealStoredSecrets(h.db, createSecretBox([key]))).toMatchObject({ unreadable: 1 });
  });

  it('template sync answers PRECONDITION_FAILED with the explanation, not a 500', async () => {
    await expectTRPCError(lost.admin.templates.sync(), 'PRECONDITION_FAILED', /cannot be decrypted/);
  });

  it('a send fails permanently with the explanation, and NHN is not called', async () => {
    const link = await createLink(h, lost, { triggerType: 'manual', triggerCondition: Prisma.DbNull });
    const record = await lost.admin.records.create({ partitionId: lost.partitionId, data: { 이름: '분실', 전화번호: nextPhone(), 상태: '상담중' } });
    const before = h.fakeNhn.received().length;
    await lost.admin.alimtalk.sendManual({ linkId: link.id, recordIds: [record.id] });
    const log = await eventually(
      () => h.db.alimtalkSendLog.findFirst({ where: { recordId: record.id, status: 'failed' } }),
      15_000,
      'failed send',
    );
    expect(log).toMatchObject({ reason: 'provider_config', resultCode: 'CONFIG' });
    expect(log.resultMessage).toMatch(/cannot be decrypted.*enter the secret key again/);
    expect(h.fakeNhn.received().length).toBe(before);
  });

  it('entering the secret again makes it readable', async () => {
    const res = await lost.admin.settings.update({ secretKey: 'entered-again' });
    expect(res).toMatchObject({ secretKeyUnreadable: false, nhnCredentialsComplete: true });
  });
});
