// Which provider an org sends through. Clients are cached per org and rebuilt when its settings change, so
// keep-alive connections are reused across sends.
import { createProviderForSettings, type AlimtalkProvider } from '@alimflow/alimtalk';
import { sandboxCredentials } from '@alimflow/alimtalk/fake';
import type { Db } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';

export function createProviderResolver(db: Db, sandbox: { baseUrl: string }): AppDeps['providerForOrg'] {
  const cache = new Map<string, { version: string; provider: AlimtalkProvider }>();
  return async (orgId) => {
    const settings = await db.alimtalkSettings.findUnique({ where: { orgId } });
    const mode = settings?.provider === 'nhn' ? 'nhn' : 'sandbox';
    const senderKey = mode === 'sandbox' ? sandboxCredentials.senderKey : (settings?.senderKey ?? '');
    const version = `${mode}:${settings?.updatedAt.toISOString() ?? 'none'}`;
    const hit = cache.get(orgId);
    if (hit?.version === version) return { provider: hit.provider, mode, senderKey };
    const provider = createProviderForSettings(
      { provider: mode, baseUrl: settings?.baseUrl ?? null, appKey: settings?.appKey ?? null, secretKey: settings?.secretKey ?? null },
      sandbox,
    );
    cache.set(orgId, { version, provider });
    return { provider, mode, senderKey };
  };
}
