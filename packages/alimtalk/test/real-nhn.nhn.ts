// `pnpm --filter @alimflow/alimtalk test:nhn`: the provider contract (test/contract.ts) against real NHN Cloud, with
// the credentials from the environment. Not part of `pnpm test`: no machine of CI has them.
import { describe } from 'vitest';
import { createNhnClient, NHN_DEFAULT_BASE_URL } from '../src/index.ts';
import { contractSuite } from './contract.ts';

const env = {
  appKey: process.env.NHN_APPKEY,
  secretKey: process.env.NHN_SECRET_KEY,
  senderKey: process.env.NHN_SENDER_KEY,
  baseUrl: process.env.NHN_BASE_URL || NHN_DEFAULT_BASE_URL,
  recipient: process.env.NHN_TEST_RECIPIENT,
  template: process.env.NHN_TEST_TEMPLATE,
};
if (!(env.appKey && env.secretKey && env.senderKey)) {
  throw new Error(
    'test:nhn runs the provider contract against real NHN Cloud: set NHN_APPKEY, NHN_SECRET_KEY and NHN_SENDER_KEY ' +
      '(optional: NHN_BASE_URL; NHN_TEST_RECIPIENT + NHN_TEST_TEMPLATE to also send real messages).',
  );
}
if (!(env.recipient && env.template)) {
  console.info(
    '[alimtalk contract] real NHN: sending tests not registered — set NHN_TEST_RECIPIENT and NHN_TEST_TEMPLATE.',
  );
}

describe('contract: real NHN Cloud', () => {
  const real = (over: { appKey?: string; secretKey?: string } = {}) =>
    createNhnClient({
      baseUrl: env.baseUrl,
      appKey: over.appKey ?? env.appKey ?? '',
      secretKey: over.secretKey ?? env.secretKey ?? '',
      timeoutMs: 15_000,
    });
  const provider = real();
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
