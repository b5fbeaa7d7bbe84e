import { inspect } from 'node:util';
import { expect } from 'vitest';
import { createNhnClient, ProviderError, type AlimtalkProvider, type SendRecipient } from '../src/index.ts';
import { startFakeNhnServer, type FakeNhnOptions, type FakeNhnServer } from '../src/fake/index.ts';

/** Distinctive credentials so a leak into an error is easy to spot. */
export const creds = {
  appKey: 'appkey-LEAKCHECK-7f3a9c',
  secretKey: 'secret-LEAKCHECK-b81e02',
  senderKey: 'testsenderkey000000000000000000000000001',
} as const;

export async function startTestFake(opts: Partial<FakeNhnOptions> = {}): Promise<{
  fake: FakeNhnServer;
  client: (over?: { timeoutMs?: number; secretKey?: string; appKey?: string }) => AlimtalkProvider;
}> {
  const fake = await startFakeNhnServer({ ...creds, deliveryDelayMs: 150, ...opts });
  const client = (over: { timeoutMs?: number; secretKey?: string; appKey?: string } = {}) =>
    createNhnClient({
      baseUrl: fake.url,
      appKey: over.appKey ?? creds.appKey,
      secretKey: over.secretKey ?? creds.secretKey,
      timeoutMs: over.timeoutMs ?? 3000,
    });
  return { fake, client };
}

export const welcome = (recipientNo: string, key: string, name = '홍길동'): SendRecipient => ({
  recipientNo,
  templateParameter: { 이름: name, 전화번호: recipientNo },
  recipientGroupingKey: key,
});

/** Await a rejection and return it as a ProviderError (fails the test otherwise). */
export async function providerError(p: Promise<unknown>): Promise<ProviderError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'expected the call to reject').toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

/** Every way an error could be rendered (message, stack, JSON, inspect) must be free of the given secrets. */
export function expectNoSecrets(e: unknown, secrets: string[]): void {
  const renderings = [
    String(e),
    (e as Error).message,
    (e as Error).stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
  ];
  for (const r of renderings) for (const s of secrets) expect(r).not.toContain(s);
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
