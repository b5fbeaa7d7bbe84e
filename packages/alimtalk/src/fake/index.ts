export {
  startFakeNhnServer,
  isValidRecipientNo,
  type FakeNhnOptions,
  type FakeNhnServer,
  type ReceivedMessage,
  type FallbackOutcome,
  type FakeResend,
} from './server.ts';
export {
  FaultController,
  seededRandom,
  type FailureRateSpec,
  type FaultKind,
  type FaultScope,
  type FaultSpec,
} from './faults.ts';
export { sandboxTemplates, parseFakeTemplates, type FakeTemplate } from './templates.ts';
export { sandboxCredentials, SANDBOX_NON_KAKAO_NUMBERS } from '../sandbox.ts';

import { sandboxCredentials } from '../sandbox.ts';
import { startFakeNhnServer, type FakeNhnOptions, type FakeNhnServer } from './server.ts';

/**
 * Sandbox mode: the fake on loopback with `sandboxCredentials` (port 0 = a free port). Pass `server.url` as
 * `createProviderForSettings(settings, { baseUrl: server.url })`'s sandbox base URL, and use
 * `sandboxCredentials.senderKey` as the org's sender key while it is in sandbox mode.
 */
export function startSandboxNhnServer(
  opts: Partial<Omit<FakeNhnOptions, 'appKey' | 'secretKey' | 'senderKey'>> = {},
): Promise<FakeNhnServer> {
  return startFakeNhnServer({ port: 0, ...opts, ...sandboxCredentials });
}
