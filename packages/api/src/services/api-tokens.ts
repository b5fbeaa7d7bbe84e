// API tokens for other systems (Bearer auth, same rights as the user who made them). The token is shown once;
// only its SHA-256 and a display prefix are stored.
import type { AppDeps } from '../deps.ts';
import { newToken } from '../auth/tokens.ts';
import { notFound, NOUN } from '../errors.ts';
import { iso } from '../lib/dates.ts';
import { forgetSignIns } from '../auth/session-lookup.ts';

type Deps = Pick<AppDeps, 'db' | 'logger' | 'now'>;

/** "aft_" plus 8 random characters: enough to tell tokens apart, far too little to guess the rest. */
const PREFIX_LENGTH = 12;

export async function createApiToken(deps: Deps, orgId: string, userId: string, name: string) {
  const { token, hash } = newToken('aft');
  const row = await deps.db.apiToken.create({
    data: { orgId, userId, name, tokenHash: hash, prefix: token.slice(0, PREFIX_LENGTH) },
  });
  deps.logger.info({ orgId, tokenId: row.id, userId }, 'api token created');
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.createdAt),
    /** Shown this once; it cannot be read again. */
    token,
  };
}

export async function listApiTokens(deps: Deps, orgId: string) {
  const rows = await deps.db.apiToken.findMany({
    where: { orgId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: iso(t.createdAt),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    createdBy: t.user,
  }));
}

/** Idempotent: revoking a revoked token keeps its first revocation time. */
export async function revokeApiToken(deps: Deps, orgId: string, userId: string, id: string) {
  const token = await deps.db.apiToken.findFirst({ where: { id, orgId } });
  if (!token) throw notFound(NOUN.apiToken);
  if (token.revokedAt) return { id: token.id, revokedAt: iso(token.revokedAt), alreadyRevoked: true };
  await deps.db.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: deps.now() } });
  forgetSignIns(deps.db);
  const row = await deps.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
  deps.logger.info({ orgId, tokenId: token.id, userId }, 'api token revoked');
  return { id: row.id, revokedAt: iso(row.revokedAt), alreadyRevoked: false };
}
