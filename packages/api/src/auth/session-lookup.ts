// A session cookie's or an API token's user in one query: every signed-in request asks it, and Prisma's
// `include: { user }` was two statements (and two query compilations) per request on the record API's hot path; on
// the pool directly (queryRows) since Prisma's raw-query path cost more CPU than the statement.
import { Prisma, queryRows, type Db } from '@alimflow/db';

export interface SessionUser {
  sessionId: string;
  expiresAt: Date;
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
}

export async function findSessionUser(db: Db, tokenHash: string): Promise<SessionUser | null> {
  const [row] = await queryRows<SessionUser>(db, Prisma.sql`
    SELECT s.id::text AS "sessionId", s."expiresAt", u.id::text AS id, u."orgId"::text AS "orgId", u.email, u.name, u.role::text AS role
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s."tokenHash" = ${tokenHash}`);
  return row ?? null;
}

export interface TokenUser {
  tokenId: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** The token's org (the user's, as tokens are made). */
  orgId: string;
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
}

/** A Bearer API token's user in one query, for the same reasons as the session's: integrations call with tokens. */
export async function findTokenUser(db: Db, tokenHash: string): Promise<TokenUser | null> {
  const [row] = await queryRows<TokenUser>(db, Prisma.sql`
    SELECT t.id::text AS "tokenId", t."revokedAt", t."lastUsedAt", t."orgId"::text AS "orgId",
           u.id::text AS id, u.email, u.name, u.role::text AS role
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
     WHERE t."tokenHash" = ${tokenHash}`);
  return row ?? null;
}
