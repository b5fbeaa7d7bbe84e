import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderForSettings, ProviderConfigError, ProviderError } from '../src/index.ts';
import { sandboxCredentials, startSandboxNhnServer, type FakeNhnServer } from '../src/fake/index.ts';

let fake: FakeNhnServer;
beforeAll(async () => {
  fake = await startSandboxNhnServer({ deliveryDelayMs: 100 });
  expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
afterAll(async () => {
  await fake.close();
});

describe('createProviderForSettings', () => {
  it('sandbox: the NHN client talks to the fake with the sandbox credentials, whatever the org stored', async () => {
    const p = createProviderForSettings(
      { provider: 'sandbox', appKey: 'ignored', secretKey: 'ignored' },
      { baseUrl: fake.url },
    );
    expect(p.name).toBe('nhn');
    const templates = await p.listTemplates(sandboxCredentials.senderKey);
    expect(templates.map((t) => t.templateCode)).toContain('SF_WELCOME');
    const res = await p.sendBatch({
      senderKey: sandboxCredentials.senderKey,
      templateCode: 'SF_STATUS',
      recipients: [
        {
          recipientNo: '01012345678',
          templateParameter: { 이름: '김영희', 상태: '계약 완료' },
          recipientGroupingKey: 's-1',
        },
      ],
    });
    expect(res.results[0]!.accepted).toBe(true);
    expect(fake.received()[0]!.content).toContain(
      "김영희님, 문의하신 건의 진행 상태가 '계약 완료'(으)로 변경되었습니다.",
    );
  });

  it('nhn: uses the org credentials and base URL', async () => {
    const ok = createProviderForSettings(
      {
        provider: 'nhn',
        baseUrl: fake.url,
        appKey: sandboxCredentials.appKey,
        secretKey: sandboxCredentials.secretKey,
      },
      { baseUrl: 'http://127.0.0.1:1' },
    );
    expect(await ok.listTemplates(sandboxCredentials.senderKey)).toHaveLength(5);
    const wrong = createProviderForSettings(
      { provider: 'nhn', baseUrl: fake.url, appKey: sandboxCredentials.appKey, secretKey: 'org-secret-xyz' },
      { baseUrl: fake.url },
    );
    const e: unknown = await wrong.listTemplates(sandboxCredentials.senderKey).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).code).toBe('-1001');
  });

  it('nhn: missing credentials throw a clear error naming the fields, never their values', () => {
    const call = (s: { appKey?: string | null; secretKey?: string | null }) => () =>
      createProviderForSettings({ provider: 'nhn', ...s }, { baseUrl: fake.url });
    expect(call({ appKey: null, secretKey: '  ' })).toThrow(ProviderConfigError);
    expect(call({ appKey: null, secretKey: null })).toThrow('missing appKey, secretKey');
    expect(call({ appKey: 'app-1', secretKey: '' })).toThrow('missing secretKey');
    let caught: unknown;
    try {
      call({ appKey: 'app-visible-value', secretKey: null })();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ProviderConfigError);
    expect((caught as ProviderConfigError).missing).toEqual(['secretKey']);
    expect(String(caught)).not.toContain('app-visible-value');
  });

  it('nhn without baseUrl defaults to NHN', async () => {
    const { NHN_DEFAULT_BASE_URL } = await import('../src/index.ts');
    const seen: string[] = [];
    const p = createProviderForSettings(
      { provider: 'nhn', appKey: 'k', secretKey: 's' },
      { baseUrl: fake.url },
      {
        fetch: (input) => {
          seen.push(input instanceof URL ? input.href : typeof input === 'string' ? input : input.url);
          return Promise.resolve(
            new Response(
              JSON.stringify({
                header: { resultCode: 0, isSuccessful: true },
                templateListResponse: { templates: [], totalCount: 0 },
              }),
            ),
          );
        },
      },
    );
    expect(await p.listTemplates('sk')).toEqual([]);
    expect(seen[0]).toMatch(
      new RegExp(
        `^${NHN_DEFAULT_BASE_URL.replace(/\./g, '\\.')}/alimtalk/v2\\.3/appkeys/k/senders/sk/templates\\?`,
      ),
    );
  });
});
