// queryRows runs hot-path statements on the client's pg pool: it must return what $queryRaw returns (whatever the
// process's time zone), keep a caller's transaction, and end with the client. withPoolTransaction is the same for a
// whole transaction: it commits what its function wrote, rolls all of it back when the function throws, and never
// leaves a connection of the pool inside a transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../src/client.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { isStalePlanError, onPool, queryRows, withPoolTransaction } from '../src/pool-query.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url, { max: 3 });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

const row = (at: Date) => Prisma.sql`
  SELECT ${at}::timestamp(3) AS at, ${JSON.stringify({ 이름: '홍길동', n: 1 })}::jsonb AS data,
         9007199254740993::int8 AS big, 'x'::text AS s, NULL::text AS nothing`;

describe('queryRows', () => {
  it('returns the rows $queryRaw returns: timestamps as UTC Dates, parsed JSON, int8 as BigInt', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const viaPrisma = await db.$queryRaw<unknown[]>(row(at));
    expect(await queryRows(db, row(at))).toEqual(viaPrisma);
    expect(viaPrisma).toEqual([{ at, data: { 이름: '홍길동', n: 1 }, big: 9007199254740993n, s: 'x', nothing: null }]);
  });

  it('reads and writes timestamps as UTC in a process that is not on UTC', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Seoul';
    try {
      const at = new Date('2026-03-04T23:30:00.000Z');
      const org = await db.org.create({ data: { name: 'tz' } });
      const [written] = await queryRows<{ id: string }>(
        db,
        Prisma.sql`INSERT INTO "Partition" (id, "orgId", name, "createdAt", "updatedAt") VALUES (gen_random_uuid(), ${org.id}::uuid, 'p', ${at}, ${at}) RETURNING id::text AS id`,
      );
      // Prisma's own read of the row written through the pool, and the pool's read of it, both give the instant back.
      expect((await db.partition.findUniqueOrThrow({ where: { id: written!.id } })).createdAt).toEqual(at);
      const [read] = await queryRows<{ createdAt: Date }>(db, Prisma.sql`SELECT "createdAt" FROM "Partition" WHERE id = ${written!.id}::uuid`);
      expect(read!.createdAt).toEqual(at);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('runs inside the caller’s transaction when given a transaction client', async () => {
    const org = await db.org.create({ data: { name: 'tx' } });
    await expect(
      db.$transaction(async (tx) => {
        await queryRows(tx, Prisma.sql`UPDATE "Org" SET name = 'changed' WHERE id = ${org.id}::uuid RETURNING id`);
        expect((await tx.org.findUniqueOrThrow({ where: { id: org.id } })).name).toBe('changed');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.org.findUniqueOrThrow({ where: { id: org.id } })).name).toBe('tx');
  });

  it('reports an unreachable server with pg’s socket code', async () => {
    const closed = createPrismaClient('postgresql://nobody:x@127.0.0.1:1/none', { max: 1 });
    try {
      await expect(queryRows(closed, Prisma.sql`SELECT 1`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await closed.$disconnect();
    }
  });
});

describe('withPoolTransaction', () => {
  const nameOf = async (id: string) => (await db.org.findUniqueOrThrow({ where: { id } })).name;

  it('commits every statement of its function together and returns what $queryRaw would', async () => {
    const org = await db.org.create({ data: { name: 'before' } });
    const at = new Date('2026-03-04T05:06:07.089Z');
    const result = await withPoolTransaction(db, async (tx) => {
      await tx.$executeRaw`UPDATE "Org" SET name = ${'after'} WHERE id = ${org.id}::uuid`;
      // Nested fragments and tagged templates are both Prisma.sql, as in a Prisma transaction.
      const rows = await tx.$queryRaw<unknown[]>(row(at));
      const changed = await tx.$executeRaw`UPDATE "Org" SET name = name WHERE id = ANY(${[org.id]}::uuid[])`;
      return { rows, changed };
    }, { timeoutMs: 5_000 });
    expect(result).toEqual({ rows: await db.$queryRaw<unknown[]>(row(at)), changed: 1 });
    expect(await nameOf(org.id)).toBe('after');
  });

  it('rolls back everything when its function throws, a database error included, and the pool stays usable', async () => {
    const org = await db.org.create({ data: { name: 'kept' } });
    await expect(
      withPoolTransaction(db, async (tx) => {
        await tx.$executeRaw`UPDATE "Org" SET name = 'lost' WHERE id = ${org.id}::uuid`;
        throw new Error('changed my mind');
      }, { timeoutMs: 5_000 }),
    ).rejects.toThrow('changed my mind');
    await expect(
      withPoolTransaction(db, async (tx) => {
        await tx.$executeRaw`UPDATE "Org" SET name = 'lost' WHERE id = ${org.id}::uuid`;
        await tx.$queryRaw`SELECT 1/0`;
      }, { timeoutMs: 5_000 }),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await nameOf(org.id)).toBe('kept');
    // All three connections of the pool come back out of any transaction: a statement on each sees no open one.
    const states = await Promise.all([0, 1, 2].map(() => withPoolTransaction(db, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = pg_backend_pid() AND xact_start < statement_timestamp() - interval '1 second'`, { timeoutMs: 5_000 })));
    expect(states).toEqual([[{ n: 0 }], [{ n: 0 }], [{ n: 0 }]]);
  });

  it('keeps Prisma’s timeout: a transaction left idle past it is ended by the server and nothing of it stays', async () => {
    const org = await db.org.create({ data: { name: 'kept' } });
    await expect(
      withPoolTransaction(db, async (tx) => {
        await tx.$executeRaw`UPDATE "Org" SET name = 'lost' WHERE id = ${org.id}::uuid`;
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await tx.$queryRaw`SELECT 1`;
      }, { timeoutMs: 500 }),
    ).rejects.toThrow();
    expect(await nameOf(org.id)).toBe('kept');
    expect(await onPool(db).$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it('runs inside the caller’s transaction when given a transaction client', async () => {
    const org = await db.org.create({ data: { name: 'tx' } });
    await expect(
      db.$transaction(async (outer) => {
        await withPoolTransaction(outer, (tx) => tx.$executeRaw`UPDATE "Org" SET name = 'inner' WHERE id = ${org.id}::uuid`, { timeoutMs: 5_000 });
        expect((await outer.org.findUniqueOrThrow({ where: { id: org.id } })).name).toBe('inner');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await nameOf(org.id)).toBe('tx');
  });
});

describe('prepared statements', () => {
  // Its own pool of one connection, so every statement meets the same server session.
  let single: Db;
  beforeAll(async () => {
    single = createPrismaClient(database.url, { max: 1 });
    // Connected through Prisma too, so that $disconnect ends the pool it shares.
    await single.$connect();
  });
  afterAll(() => single.$disconnect());
  const prepared = async () =>
    (await queryRows<{ statement: string }>(single, Prisma.sql`SELECT statement FROM pg_prepared_statements WHERE name LIKE ${'alimflow_%'}`)).map((r) => r.statement);

  it('prepares a statement with values once per connection and runs it again from there', async () => {
    const count = (n: number) => Prisma.sql`SELECT count(*)::int AS n FROM "Org" WHERE name = ${`prepared ${n}`}`;
    for (let n = 0; n < 8; n++) expect(await queryRows(single, count(n))).toEqual([{ n: 0 }]);
    await withPoolTransaction(single, (tx) => tx.$queryRaw(count(9)), { timeoutMs: 5_000 });
    expect((await prepared()).filter((text) => text === count(0).text)).toHaveLength(1);
  });

  it('runs a prepared SELECT * again after a migration changed its table, in and out of a transaction', async () => {
    await onPool(single).$executeRaw`CREATE TABLE prepared_star (id int PRIMARY KEY)`;
    await onPool(single).$executeRaw`INSERT INTO prepared_star VALUES (1)`;
    const star = Prisma.sql`SELECT * FROM prepared_star WHERE id = ${1}`;
    expect(await queryRows(single, star)).toEqual([{ id: 1 }]);
    await onPool(single).$executeRaw`ALTER TABLE prepared_star ADD COLUMN note text DEFAULT 'added'`;
    // Postgres refuses the stale statement on that connection; the pool drops it and runs the statement anew.
    expect(await queryRows(single, star)).toEqual([{ id: 1, note: 'added' }]);

    await onPool(single).$executeRaw`ALTER TABLE prepared_star ADD COLUMN later int DEFAULT 2`;
    // Inside a transaction nothing can be re-run: the batch fails with that error, and its retry works.
    const read = () => withPoolTransaction(single, (tx) => tx.$queryRaw(star), { timeoutMs: 5_000 });
    const failed = await read().then(() => null, (error: unknown) => error);
    expect(isStalePlanError(failed)).toBe(true);
    expect(await read()).toEqual([{ id: 1, note: 'added', later: 2 }]);
  });
});
