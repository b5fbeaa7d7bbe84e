// Which provider an org sends through. Clients are cached per org and rebuilt when its settings change, so
// keep-alive connections are reused across sends. The NHN secret key is decrypted here and nowhere else.
import { createProviderForSettings, type AlimtalkProvider } from '@alimflow/alimtalk';
import { sandboxCredentials } from '@alimflow/alimtalk/fake';
import type { Db } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { readStoredSecret, UNREADABLE_SECRET_MESSAGE } from './stored-secrets.ts';

/** The org's stored secret key does not decrypt: sends fail with this message until an admin re-enters it. */
export class StoredSecretUnreadableError extends Error {
  override readonly name = 'StoredSecretUnreadableError';
  constructor() {
    super(UNREADABLE_SECRET_MESSAGE);
  }
}

/** What a cached client was built from: the org's mode and when its settings last changed (null: no settings row). */
export function providerSettingsVersion(provider: string | null, updatedAt: Date | null): string {
  return `${provider === 'nhn' ? 'nhn' : 'sandbox'}:${updatedAt?.toISOString() ?? 'none'}`;
}

export function createProviderResolver(db: Db, sandbox: { baseUrl: string }, secretBox: SecretBox): AppDeps['providerForOrg'] {
  const cache = new Map<string, { version: string; provider: AlimtalkProvider; mode: 'nhn' | 'sandbox'; senderKey: string }>();
  return async (orgId, known) => {
    const cached = cache.get(orgId);
    // A send right after its evaluation: the evaluation's statement read the version already.
    if (known && cached?.version === known.version) return { provider: cached.provider, mode: cached.mode, senderKey: cached.senderKey };
    const settings = await db.alimtalkSettings.findUnique({ where: { orgId } });
    const mode = settings?.provider === 'nhn' ? 'nhn' : 'sandbox';
    const senderKey = mode === 'sandbox' ? sandboxCredentials.senderKey : (settings?.senderKey ?? '');
    const version = providerSettingsVersion(settings?.provider ?? null, settings?.updatedAt ?? null);
    const hit = cache.get(orgId);
    if (hit?.version === version) return { provider: hit.provider, mode, senderKey };
    let secretKey: string | null = null;
    if (mode === 'nhn') {
      const secret = readStoredSecret(secretBox, orgId, settings?.secretKey);
      if (secret.status === 'unreadable') throw new StoredSecretUnreadableError();
      secretKey = secret.status === 'ok' ? secret.value : null;
    }
    const provider = createProviderForSettings(
      { provider: mode, baseUrl: settings?.baseUrl ?? null, appKey: settings?.appKey ?? null, secretKey },
      sandbox,
    );
    cache.set(orgId, { version, provider, mode, senderKey });
    return { provider, mode, senderKey };
  };
}
