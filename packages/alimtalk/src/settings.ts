import { createNhnClient, NHN_DEFAULT_BASE_URL } from './nhn/client.ts';
import { sandboxCredentials } from './sandbox.ts';
import type { AlimtalkProvider } from './types.ts';

export type ProviderMode = 'nhn' | 'sandbox';

export interface ProviderSettings {
  provider: ProviderMode;
  baseUrl?: string | null;
  appKey?: string | null;
  secretKey?: string | null;
}

export class ProviderConfigError extends Error {
  override readonly name = 'ProviderConfigError';
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`NHN provider settings incomplete: missing ${missing.join(', ')}`);
    this.missing = missing;
  }
}

/**
 * Build the provider an org's settings call for.
 * - `sandbox`: the real NHN client pointed at the (in-process, loopback) fake NHN server at `sandbox.baseUrl`,
 *   using `sandboxCredentials` — the whole protocol is exercised and nothing leaves the machine.
 * - `nhn`: the NHN client with the org's own appKey / secretKey (baseUrl defaults to NHN_DEFAULT_BASE_URL).
 *   Throws ProviderConfigError (names the missing fields, never their values) if appKey or secretKey is missing.
 */
export function createProviderForSettings(
  settings: ProviderSettings,
  sandbox: { baseUrl: string; timeoutMs?: number },
  opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
): AlimtalkProvider {
  if (settings.provider === 'sandbox') {
    return createNhnClient({
      baseUrl: sandbox.baseUrl,
      appKey: sandboxCredentials.appKey,
      secretKey: sandboxCredentials.secretKey,
      ...(sandbox.timeoutMs !== undefined ? { timeoutMs: sandbox.timeoutMs } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
  }
  if (settings.provider !== 'nhn') throw new Error(`unknown AlimTalk provider: ${String(settings.provider)}`);
  const missing: string[] = [];
  if (!settings.appKey?.trim()) missing.push('appKey');
  if (!settings.secretKey?.trim()) missing.push('secretKey');
  if (missing.length) throw new ProviderConfigError(missing);
  return createNhnClient({
    baseUrl: settings.baseUrl?.trim() || NHN_DEFAULT_BASE_URL,
    appKey: settings.appKey!.trim(),
    secretKey: settings.secretKey!.trim(),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}
