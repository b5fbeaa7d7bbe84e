// A session cookie's user in one query: every signed-in request asks it, and Prisma's `include: { user }` was two
// statements (and two query compilations) per request on the record API's hot path; on the pool directly
// (queryRows) since Prisma's raw-query path cost more CPU than the statement.
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
