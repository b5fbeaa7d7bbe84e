// A session cookie's or an API token's user in one query: every signed-in request asks it, and Prisma's
// `include: { user }` was two statements (and two query compilations) per request on the record API's hot path; on
// the pool directly (queryRows) since Prisma's raw-query path cost more CPU than the statement.
//
// An answer is remembered for AUTH_REMEMBER_MS per process: a client writing records at full speed sends the same
// cookie or token many times a second, and this lookup was half of Postgres's CPU per records.create (probe.ts
// httpCpu). Whatever this process changes about sign-ins (sign-out, password change, ending sessions, a revoked
// token, a role change, a removed member) forgets everything at once (forgetSignIns, after its commit); another API
// process sees such a change within AUTH_REMEMBER_MS.
import { Prisma, queryRows, type Db } from '@alimflow/db';

/** How long a process trusts a session's or token's user as it last read it. */
export const AUTH_REMEMBER_MS = 1_000;
const REMEMBERED_MAX = 10_000;

interface Memo {
  generation: number;
  answers: Map<string, { at: number; row: unknown }>;
}
const memos = new WeakMap<object, Memo>();
const memoOf = (db: Db): Memo => {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = { generation: 0, answers: new Map() }));
  return memo;
};

/** After a change to sessions, tokens or users is committed: the next lookups read the database. */
export function forgetSignIns(db: Db): void {
  const memo = memoOf(db);
  memo.generation += 1;
  memo.answers.clear();
}

async function remembered<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const memo = memoOf(db);
  const now = Date.now();
  const known = memo.answers.get(key);
  if (known && now - known.at < AUTH_REMEMBER_MS) return known.row as T;
  const generation = memo.generation;
  const row = await read();
  // A change committed while this read was in flight may not be in it: then it is not remembered.
  if (generation === memo.generation) {
    if (memo.answers.size >= REMEMBERED_MAX) memo.answers.clear();
    memo.answers.set(key, { at: now, row });
  }
  return row;
}

export interface SessionUser {
  sessionId: string;
  expiresAt: Date;
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
}

export function findSessionUser(db: Db, tokenHash: string): Promise<SessionUser | null> {
  return remembered(db, `session:${tokenHash}`, () => readSessionUser(db, tokenHash));
}

async function readSessionUser(db: Db, tokenHash: string): Promise<SessionUser | null> {
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
export function findTokenUser(db: Db, tokenHash: string): Promise<TokenUser | null> {
  return remembered(db, `token:${tokenHash}`, () => readTokenUser(db, tokenHash));
}

async function readTokenUser(db: Db, tokenHash: string): Promise<TokenUser | null> {
  const [row] = await queryRows<TokenUser>(db, Prisma.sql`
    SELECT t.id::text AS "tokenId", t."revokedAt", t."lastUsedAt", t."orgId"::text AS "orgId",
           u.id::text AS id, u.email, u.name, u.role::text AS role
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
     WHERE t."tokenHash" = ${tokenHash}`);
  return row ?? null;
}
