// Prisma's unique-constraint (P2002) and not-found (P2025) errors reach clients as CONFLICT / NOT_FOUND through the
// base procedure in src/trpc.ts, never as a 500.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/auth/tokens.ts';
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
    await expectTRPCError(caller.duplicateToken(), 'CONFLICT', /conflicts with an existing entry/);
  });

  it('P2025 becomes NOT_FOUND', async () => {
    await expectTRPCError(caller.missingRow(), 'NOT_FOUND', /Not found/);
  });

  it('other errors stay internal', async () => {
    const error = await expectTRPCError(caller.otherError(), 'INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('boom');
  });
});
