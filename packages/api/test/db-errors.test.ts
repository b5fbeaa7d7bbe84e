// Prisma's unique-constraint (P2002) and not-found (P2025) errors reach clients as CONFLICT / NOT_FOUND through the
// base procedure in src/trpc.ts, never as a 500.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, Prisma, withPoolTransaction, type RawTx } from '@alimflow/db';
import { findSessionUser } from '../src/auth/session-lookup.ts';
import { loadPartition } from '../src/services/partition-lookup.ts';
import { newToken } from '../src/auth/tokens.ts';
import { dbErrorToTRPC, isDatabaseUnavailable } from '../src/db-errors.ts';
import {
  adminProcedure as adminProc,
  createCallerFactory,
  createContext,
  orgProcedure as orgProc,
  router,
  SESSION_COOKIE,
} from '../src/trpc.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError } from './support/router-helpers.ts';

const probe = router({
  duplicateToken: orgProc.mutation(async ({ ctx }) => {
    const { hash } = newToken('aft');
    const data = { orgId: ctx.orgId, userId: ctx.auth.user.id, name: 'dup', tokenHash: hash, prefix: 'aft_' };
    await ctx.db.apiToken.create({ data });
    await ctx.db.apiToken.create({ data });
  }),
  missingRow: adminProc.mutation(({ ctx }) => ctx.db.partition.update({ where: { id: randomUUID() }, data: { name: 'x' } })),
  // A prepared SELECT * read again after its table gained a column (a migration while the server runs).
  stalePlan: orgProc.mutation(async ({ ctx }) => {
    const table = `stale_${randomUUID().replaceAll('-', '')}`;
    await ctx.db.$executeRawUnsafe(`CREATE TABLE ${table} (id int)`);
    const tx = (fn: (t: RawTx) => Promise<unknown>) => withPoolTransaction(ctx.db, fn, { timeoutMs: 5_000 });
    const read = (t: RawTx) => t.$queryRaw(Prisma.sql`SELECT * FROM ${Prisma.raw(table)} WHERE id = ${1}`);
    // Prepared by the first read; the column added after it makes Postgres refuse the second.
    await tx(async (t) => {
      await read(t);
      await t.$executeRaw(Prisma.sql`ALTER TABLE ${Prisma.raw(table)} ADD COLUMN note text`);
      await read(t);
    });
  }),
  otherError: orgProc.mutation(() => {
    throw new Error('boom');
  }),
});

let h: Harness;
let org: TestOrg;
const createProbeCaller = createCallerFactory(probe);
let caller: ReturnType<typeof createProbeCaller>;

beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg();
  const { token, hash } = newToken('sess');
  await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
  const cookies = new Map([[SESSION_COOKIE, token]]);
  caller = createProbeCaller(
    createContext(h.deps, { ip: '127.0.0.1', cookie: (n) => cookies.get(n), setCookie: () => {}, clearCookie: () => {} }),
  );
});
afterAll(() => h.close());

describe('database errors', () => {
  it('P2002 becomes CONFLICT', async () => {
    await expectTRPCError(caller.duplicateToken(), 'CONFLICT', /다른 변경과 겹쳤습니다/);
  });

  it('answers in the caller’s language', async () => {
    const { token, hash } = newToken('sess');
    await h.db.session.create({ data: { userId: org.adminId, tokenHash: hash, expiresAt: new Date(Date.now() + 3_600_000) } });
    const english = createProbeCaller(
      createContext(h.deps, { ip: '127.0.0.1', language: 'en', cookie: (n) => (n === SESSION_COOKIE ? token : undefined), setCookie: () => {}, clearCookie: () => {} }),
    );
    await expectTRPCError(english.duplicateToken(), 'CONFLICT', /^This conflicts with an existing entry; reload and try again\.$/);
    await expectTRPCError(english.missingRow(), 'NOT_FOUND', /^Not found; it may have been deleted meanwhile\.$/);
  });

  it('P2025 becomes NOT_FOUND', async () => {
    await expectTRPCError(caller.missingRow(), 'NOT_FOUND', /찾을 수 없습니다/);
  });

  it('a statement prepared before a migration changed its table is a retry-later, not a 500', async () => {
    await expectTRPCError(caller.stalePlan(), 'SERVICE_UNAVAILABLE', /서버가 바쁩니다/);
  });

  it('other errors stay internal', async () => {
    const error = await expectTRPCError(caller.otherError(), 'INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('boom');
  });
});

describe('database unreachable', () => {
  const known = (code: string, message = 'x') => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: 'test' });
  const adapterError = (cause: object, message: string) =>
    new Prisma.PrismaClientKnownRequestError(message, { code: 'P2010', clientVersion: 'test', meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });
  const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

  it.each([
    ['P1001 can’t reach the server', known('P1001', "Can't reach database server at 127.0.0.1:5432")],
    ['P1017 server closed the connection', known('P1017')],
    ['a raw query cut by an admin shutdown (57P01)', known('P2010', 'Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`')],
    ['a raw query with no server', known('P2010', "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5432`")],
    // What a raw query says when Postgres drops its socket mid-restart (pg's ECONNRESET, the adapter's ConnectionClosed).
    ['a raw query whose connection was closed', adapterError({ kind: 'ConnectionClosed' }, 'Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`')],
    ['a raw query that timed out on its socket', adapterError({ kind: 'SocketTimeout' }, 'Raw query failed. Code: `N/A`. Message: `Socket timeout`')],
    ['a raw query refused while Postgres starts (57P03)', adapterError({ kind: 'postgres', code: '57P03' }, 'Raw query failed. Code: `N/A`. Message: `cannot connect now`')],
    ['pg’s ECONNREFUSED', socket('ECONNREFUSED')],
    ['a Postgres connection-exception SQLSTATE', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['pg’s “Connection terminated unexpectedly”', new Error('Connection terminated unexpectedly')],
    ['a pooled client broken by the outage', new Error('Client has encountered a connection error and is not queryable')],
    ['a connection error wrapped as a cause', new Error('task failed', { cause: socket('ECONNRESET') })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(dbErrorToTRPC(error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.' });
  });

  // The hot path's statements run on the pg pool (queryRows), not through Prisma: their own outage error must read
  // as one too, or a record write during a database restart would answer 500 instead of 503.
  it('recognises what the hot path’s pool statements throw when no server listens', async () => {
    const closed = createPrismaClient('postgresql://nobody:x@127.0.0.1:1/none', { max: 1 });
    try {
      for (const call of [() => findSessionUser(closed, 'hash'), () => loadPartition(closed, randomUUID(), randomUUID())]) {
        const error: unknown = await call().then(() => null, (e: unknown) => e);
        expect(isDatabaseUnavailable(error)).toBe(true);
        expect(dbErrorToTRPC(error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.' });
      }
    } finally {
      await closed.$disconnect();
    }
  });

  it.each([
    ['a unique violation', known('P2002')],
    ['a syntax error in a raw query', known('P2010', 'Raw query failed. Code: `42601`. Message: `syntax error`')],
    ['a raw query breaking a unique key', adapterError({ kind: 'postgres', code: '23505' }, 'Raw query failed. Code: `23505`. Message: `duplicate key`')],
    ['an ordinary error', new Error('boom')],
    ['a non-error', 'nope'],
  ])('does not take %s for an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
