// Prisma's "unique constraint" and "row not found" errors reach clients as CONFLICT / NOT_FOUND, a saturated
// pool and an unreachable database as SERVICE_UNAVAILABLE (503, with Retry-After from the HTTP layer) — never as
// a 500. Applied once, to every procedure, in trpc.ts.
import { isStalePlanError, Prisma } from '@alimflow/db';
import { TRPCError } from '@trpc/server';
import { words, type Words } from './errors.ts';
import type { Language } from './security/language.ts';

const MESSAGES = {
  unavailable: words('데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.', 'The database is unreachable; please retry in a moment.'),
  conflict: words('다른 변경과 겹쳤습니다. 새로고침한 뒤 다시 시도해 주세요.', 'This conflicts with an existing entry; reload and try again.'),
  busy: words('서버가 바쁩니다. 잠시 후 다시 시도해 주세요.', 'The server is busy; please retry in a moment.'),
  gone: words('찾을 수 없습니다. 그사이 삭제되었을 수 있습니다.', 'Not found; it may have been deleted meanwhile.'),
} as const satisfies Record<string, Words>;

/** For answers outside tRPC (plain HTTP routes), where the caller's language is not known: both. */
export const DATABASE_UNAVAILABLE_MESSAGE = `${MESSAGES.unavailable.ko} / ${MESSAGES.unavailable.en}`;

// Prisma: can't reach server, timed out, server closed the connection, not connected.
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2037']);
// Node socket errors and Postgres SQLSTATEs of class 08 (connection exception) and 57P01–57P03 (admin / crash
// shutdown, cannot connect now).
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const isConnectionSqlState = (code: string) => code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
const CONNECTION_MESSAGE = /Can't reach database server|Connection terminated|connection error and is not queryable|terminating connection|the database system is (starting up|shutting down)|Code: `(08\w{3}|57P0[123])`/;

// The pg driver adapter's own kinds for a lost connection. A raw query ($queryRaw, used on the hot write path)
// reports them as P2010 with the kind in meta.driverAdapterError and a message such as "Server has closed the
// connection." that no other pattern here names; Prisma's ORM calls map the same kinds to P1001 / P1017.
const ADAPTER_CONNECTION_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TlsConnectionError']);

function adapterCause(e: object): { kind?: unknown; code?: unknown } | undefined {
  const cause: unknown = (e as { meta?: { driverAdapterError?: { cause?: unknown } } }).meta?.driverAdapterError?.cause;
  return cause && typeof cause === 'object' ? cause : undefined;
}

/** True when `error` (or one of its causes) says the database is unreachable rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Prisma.PrismaClientInitializationError) return true;
    const adapter = adapterCause(e);
    if (adapter && typeof adapter.kind === 'string' && ADAPTER_CONNECTION_KINDS.has(adapter.kind)) return true;
    if (adapter?.kind === 'postgres' && typeof adapter.code === 'string' && isConnectionSqlState(adapter.code)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (PRISMA_CONNECTION_CODES.has(code) || SOCKET_CODES.has(code) || isConnectionSqlState(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && CONNECTION_MESSAGE.test(message)) return true;
  }
  return false;
}

/** The tRPC error a database failure is, worded in the caller's language; null when it is not one of these. */
export function dbErrorToTRPC(error: unknown, language: Language = 'ko'): TRPCError | null {
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: MESSAGES.unavailable[language], cause: error });
  }
  if (isStalePlanError(error)) {
    // A migration changed a table under a prepared statement; its connection is gone, so a retry works.
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: MESSAGES.busy[language], cause: error });
  }
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code === 'P2002') {
    return new TRPCError({ code: 'CONFLICT', message: MESSAGES.conflict[language], cause: error });
  }
  if (error.code === 'P2028' || error.code === 'P2024') {
    // The database is saturated (no connection or transaction slot in time): a retry later will work.
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: MESSAGES.busy[language], cause: error });
  }
  if (error.code === 'P2025') {
    return new TRPCError({ code: 'NOT_FOUND', message: MESSAGES.gone[language], cause: error });
  }
  return null;
}
