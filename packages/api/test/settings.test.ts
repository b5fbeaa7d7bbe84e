import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { bearerCaller, expectTRPCError, expectZodError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
const SECRET = 'super-secret-value-7781';

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('설정 테스트');
  other = await h.createOrg('다른 회사');
});
afterAll(() => h.close());

const stored = () => h.db.alimtalkSettings.findUniqueOrThrow({ where: { orgId: org.orgId } });

describe('settings.get', () => {
  it('starts in sandbox mode and says which NHN credentials are missing', async () => {
    const s = await org.member.settings.get();
    expect(s).toMatchObject({
      provider: 'sandbox',
      mode: 'sandbox',
      appKey: null,
      hasSecretKey: false,
      nhnCredentialsComplete: false,
      missingNhnCredentials: ['appKey', 'secretKey'],
    });
    expect(s).not.toHaveProperty('secretKey');
  });

  it('needs a session or an API token', async () => {
    await expectTRPCError(h.anonymous.settings.get(), 'UNAUTHORIZED');
    const viaToken = await (await bearerCaller(h, org)).settings.get();
    expect(viaToken.provider).toBe('sandbox');
  });

  it('answers for an org without a settings row with the sandbox defaults', async () => {
    await h.db.alimtalkSettings.delete({ where: { orgId: other.orgId } });
    expect(await other.admin.settings.get()).toMatchObject({ provider: 'sandbox', senderKey: null, updatedAt: null });
  });
});

describe('settings.update', () => {
  it('stores keys, masks the app key, never returns the secret', async () => {
    const res = await org.admin.settings.update({ appKey: 'appkey-ABCD1234', secretKey: SECRET, senderKey: 'sender-1' });
    expect(res).toMatchObject({ appKey: '***********1234', hasSecretKey: true, senderKey: 'sender-1', nhnCredentialsComplete: true, mode: 'sandbox' });
    expect(JSON.stringify(res)).not.toContain(SECRET);
    expect(JSON.stringify(await org.member.settings.get())).not.toContain(SECRET);
    // At rest only ciphertext: the secret box opens it for this org.
    const atRest = (await stored()).secretKey!;
    expect(atRest).toMatch(/^v1:/);
    expect(atRest).not.toContain(SECRET);
    expect(h.deps.secretBox.open(atRest, org.orgId)).toBe(SECRET);
  });

  it('keeps the secret when it is omitted and clears it with an empty string', async () => {
    const before = (await stored()).secretKey;
    await org.admin.settings.update({ appKey: 'appkey-ABCD9999' });
    expect((await stored()).secretKey).toBe(before);
    const cleared = await org.admin.settings.update({ secretKey: '' });
    expect(cleared.hasSecretKey).toBe(false);
    expect((await stored()).secretKey).toBeNull();
    await org.admin.settings.update({ secretKey: SECRET });
  });

  it('switching to nhn needs appKey, secretKey and senderKey after the update; nothing is written otherwise', async () => {
    const before = await stored();
    await expectTRPCError(org.admin.settings.update({ provider: 'nhn', secretKey: '', senderKey: null }), 'BAD_REQUEST', /secretKey, senderKey/);
    expect(await stored()).toEqual(before);

    const nhn = await org.admin.settings.update({ provider: 'nhn' });
    expect(nhn).toMatchObject({ provider: 'nhn', mode: 'nhn' });
    // Once on nhn, removing a credential is refused as well.
    await expectTRPCError(org.admin.settings.update({ appKey: '' }), 'BAD_REQUEST', /appKey/);
    await org.admin.settings.update({ provider: 'sandbox' });
  });

  it('requires https for the base URL unless it is loopback', async () => {
    await expectZodError(org.admin.settings.update({ baseUrl: 'http://api-alimtalk.cloud.toast.com' }), /must use https/);
    await expectZodError(org.admin.settings.update({ baseUrl: 'not a url' }), /full URL/);
    expect((await org.admin.settings.update({ baseUrl: 'http://127.0.0.1:9999' })).baseUrl).toBe('http://127.0.0.1:9999');
    expect((await org.admin.settings.update({ baseUrl: 'https://api-alimtalk.cloud.toast.com' })).baseUrl).toBe('https://api-alimtalk.cloud.toast.com');
    expect((await org.admin.settings.update({ baseUrl: '' })).baseUrl).toBeNull();
  });

  it('rejects unknown providers with the zod message', async () => {
    await expectZodError(org.admin.settings.update({ provider: 'aligo' as never }), /Provider must be "nhn" or "sandbox"/);
  });

  it('is for admins only', async () => {
    const before = await stored();
    await expectTRPCError(org.member.settings.update({ senderKey: 'member-was-here' }), 'FORBIDDEN');
    expect(await stored()).toEqual(before);
  });

  it('works with a Bearer API token like a session', async () => {
    const caller = await bearerCaller(h, org);
    expect((await caller.settings.update({ senderKey: 'via-token' })).senderKey).toBe('via-token');
  });

  it("changes only the caller's org", async () => {
    await org.admin.settings.update({ senderKey: 'mine-only' });
    expect((await other.admin.settings.get()).senderKey).not.toBe('mine-only');
    await other.admin.settings.update({ appKey: 'other-app-key-0000' });
    expect((await org.admin.settings.get()).appKey).not.toMatch(/0000$/);
  });
});
