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

export function createProviderResolver(db: Db, sandbox: { baseUrl: string }, secretBox: SecretBox): AppDeps['providerForOrg'] {
  const cache = new Map<string, { version: string; provider: AlimtalkProvider }>();
  return async (orgId) => {
    const settings = await db.alimtalkSettings.findUnique({ where: { orgId } });
    const mode = settings?.provider === 'nhn' ? 'nhn' : 'sandbox';
    const senderKey = mode === 'sandbox' ? sandboxCredentials.senderKey : (settings?.senderKey ?? '');
    const version = `${mode}:${settings?.updatedAt.toISOString() ?? 'none'}`;
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
    cache.set(orgId, { version, provider });
    return { provider, mode, senderKey };
  };
}
