import { afterAll, beforeAll, describe } from 'vitest';
import { createNhnClient, NHN_DEFAULT_BASE_URL, type AlimtalkProvider } from '../src/index.ts';
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

// ---------------------------------------------------------------- against real NHN (opt-in)

const env = {
  appKey: process.env.NHN_APPKEY,
  secretKey: process.env.NHN_SECRET_KEY,
  senderKey: process.env.NHN_SENDER_KEY,
  baseUrl: process.env.NHN_BASE_URL || NHN_DEFAULT_BASE_URL,
  recipient: process.env.NHN_TEST_RECIPIENT,
  template: process.env.NHN_TEST_TEMPLATE,
};
const haveNhn = !!(env.appKey && env.secretKey && env.senderKey);
if (!haveNhn) {
  console.info(
    '[alimtalk contract] real-NHN suite skipped: set NHN_APPKEY, NHN_SECRET_KEY and NHN_SENDER_KEY to run it ' +
      '(optional: NHN_BASE_URL; NHN_TEST_RECIPIENT + NHN_TEST_TEMPLATE to also send real messages).',
  );
} else if (!(env.recipient && env.template)) {
  console.info(
    '[alimtalk contract] real NHN: sending tests not registered — set NHN_TEST_RECIPIENT and NHN_TEST_TEMPLATE.',
  );
}

describe.skipIf(!haveNhn)('contract: real NHN Cloud', () => {
  const real = (over: { appKey?: string; secretKey?: string } = {}) =>
    createNhnClient({
      baseUrl: env.baseUrl,
      appKey: over.appKey ?? env.appKey ?? '',
      secretKey: over.secretKey ?? env.secretKey ?? '',
      timeoutMs: 15_000,
    });
  // createNhnClient rejects empty credentials, so build lazily when the suite is skipped
  const provider: AlimtalkProvider = haveNhn
    ? real()
    : {
        name: 'unused',
        sendBatch: () => Promise.reject(new Error('unused')),
        listTemplates: () => Promise.reject(new Error('unused')),
        getTemplate: () => Promise.reject(new Error('unused')),
        findMessages: () => Promise.reject(new Error('unused')),
        fetchDeliveryResults: () => Promise.reject(new Error('unused')),
        deliveryResultPages: () => {
          throw new Error('unused');
        },
      };
  contractSuite(provider, {
    makeProvider: real,
    senderKey: env.senderKey ?? '',
    secrets: [env.appKey ?? '', env.secretKey ?? ''].filter(Boolean),
    ...(env.recipient && env.template
      ? {
          send: {
            templateCode: env.template,
            recipientNo: env.recipient,
            params: async () => {
              const t = await provider.getTemplate(env.senderKey!, env.template!);
              if (!t) throw new Error(`NHN_TEST_TEMPLATE ${env.template} not found`);
              return Object.fromEntries(t.variables.map((v) => [v, '테스트']));
            },
          },
        }
      : {}),
    deliveryTimeoutMs: 120_000,
    expectDelivered: false,
  });
});
