import { afterAll, beforeAll, describe } from 'vitest';
import { createNhnClient, type AlimtalkProvider } from '../src/index.ts';
import { startFakeNhnServer, type FakeNhnServer } from '../src/fake/index.ts';
import { contractSuite } from './contract.ts';
import { creds } from './helpers.ts';

// ---------------------------------------------------------------- against the fake NHN server

// The suite registers its tests synchronously, so the fake is started first and the provider is a thin proxy
// that resolves the (then started) fake's URL at call time.
let fake: FakeNhnServer | undefined;
const fakeClient = (over: { appKey?: string; secretKey?: string } = {}): AlimtalkProvider => {
  const make = () =>
    createNhnClient({
      baseUrl: fake!.url,
      appKey: over.appKey ?? creds.appKey,
      secretKey: over.secretKey ?? creds.secretKey,
      timeoutMs: 3000,
    });
  return {
    name: 'nhn',
    sendBatch: (req) => make().sendBatch(req),
    listTemplates: (k) => make().listTemplates(k),
    getTemplate: (k, t) => make().getTemplate(k, t),
    findMessages: (q) => make().findMessages(q),
    fetchDeliveryResults: (q) => make().fetchDeliveryResults(q),
    deliveryResultPages: (q) => make().deliveryResultPages(q),
  };
};

describe('contract: fake NHN server', () => {
  beforeAll(async () => {
    fake = await startFakeNhnServer({ ...creds, deliveryDelayMs: 200 });
  });
  afterAll(async () => {
    await fake?.close();
  });
  contractSuite(fakeClient(), {
    makeProvider: fakeClient,
    senderKey: creds.senderKey,
    secrets: [creds.appKey, creds.secretKey],
    send: {
      templateCode: 'SF_WELCOME',
      recipientNo: '01012345678',
      params: () => Promise.resolve({ 이름: '홍길동', 전화번호: '01012345678' }),
    },
    deliveryTimeoutMs: 3000,
    expectDelivered: true,
  });
});

// The same suite against real NHN Cloud is `pnpm --filter @alimflow/alimtalk test:nhn` (test/real-nhn.nhn.ts): it needs
// credentials, so it is its own command rather than a skipped part of `pnpm test`.
