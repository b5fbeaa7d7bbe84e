// Raw statements straight on the client's pg pool, for the few that run on every record write. Through Prisma a
// $queryRaw is compiled by its WASM query compiler and interpreted before pg sees it: in the CPU profile of
// records.create over HTTP that was about a fifth of the API process's time, more than pg itself.
// Rows come back as $queryRaw returns them (Date for timestamps, parsed JSON, BigInt for int8), and errors stay
// pg's own (SQLSTATE in `code`, socket codes), which api/src/db-errors.ts classifies.
import pg from 'pg';
import { Prisma } from './generated/prisma/client.ts';

const pools = new WeakMap<object, pg.Pool>();

/** createPrismaClient's pool for its client; a transaction client or another one has none. */
export function registerPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

// Prisma stores `timestamp(3)` as UTC without a zone; pg's default parser would read it in the process's zone.
const TIMESTAMP = 1114;
const INT8 = 20;
const parsers: Record<number, (value: string) => unknown> = {
  [TIMESTAMP]: (v) => new Date(`${v.replace(' ', 'T')}Z`),
  [INT8]: (v) => BigInt(v),
};
// pg asks for text parsers only (results come in text format).
const defaultParser = (oid: number): ((value: string) => unknown) => pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
const types = { getTypeParser: (oid: number) => parsers[oid] ?? defaultParser(oid) };

// A Date parameter as UTC text (what the adapter sends): pg would write it in the process's zone.
const param = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

// Each statement text gets a name, so every connection parses and plans it once and then reuses its plan: unnamed,
// Postgres planned every call again — in pg_stat_statements of `probe.ts overhead`, planning was 2.7 of its 8.8 s,
// 0.2–0.26 ms a call for the record insert and the evaluation's link read. The texts here are fixed (values are
// always parameters), so the names stay few; the cap only guards against a caller that builds texts from data.
// A statement without values keeps the simple protocol (it may hold several commands, which a prepared one cannot).
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;
function statementName(text: string, values: readonly unknown[]): string | undefined {
  if (values.length === 0) return undefined;
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `alimflow_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}
const pgQuery = (sql: Prisma.Sql) => ({ name: statementName(sql.text, sql.values), text: sql.text, values: sql.values.map(param), types });

/**
 * A prepared `SELECT *` whose table gained or lost a column since (a migration while this process runs): Postgres
 * refuses to run it on that connection again. The connection is then dropped, so the next try prepares it afresh.
 */
export function isStalePlanError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}

// One statement outside a transaction, as pool.query, but on a connection of its own so that one with a stale plan
// is dropped; then it runs again on another (nothing was done). Every idle connection may hold the same stale
// statement, hence up to one try per connection and one more.
async function runOnPool(pool: pg.Pool, sql: Prisma.Sql): Promise<pg.QueryResult> {
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => void (broken = error);
    client.on('error', onError);
    try {
      return await client.query(pgQuery(sql));
    } catch (error) {
      if (!isStalePlanError(error)) throw error;
      broken = error as Error;
      if (attempt >= pool.options.max) throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}

/**
 * `db.$queryRaw(query)`, on the pool when `db` is a top-level client from createPrismaClient, else (inside an
 * interactive transaction) through Prisma, so a caller's transaction is kept.
 */
export async function queryRows<T>(db: object, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return (db as { $queryRaw<R>(q: Prisma.Sql): Promise<R> }).$queryRaw<T[]>(query);
  return (await runOnPool(pool, query)).rows as T[];
}

/**
 * The raw half of a Prisma transaction client. Code that only sends raw statements takes this, so it runs the same
 * in a Prisma interactive transaction and in withPoolTransaction's.
 */
export interface RawTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

const toSql = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql =>
  Array.isArray(query) ? Prisma.sql(query as TemplateStringsArray, ...values) : (query as Prisma.Sql);

function rawOn(target: pg.Pool | pg.PoolClient): RawTx {
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = toSql(query, values);
    return target instanceof pg.Pool ? runOnPool(target, sql) : target.query(pgQuery(sql));
  };
  return {
    $queryRaw: async <R>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rows as R,
    $executeRaw: async (query, ...values) => (await run(query, values)).rowCount ?? 0,
  };
}

/** `db`'s raw statements on its pool (as queryRows), outside any transaction; `db` itself when it has none. */
export function onPool(db: object): RawTx {
  const pool = pools.get(db);
  return pool ? rawOn(pool) : (db as RawTx);
}

/**
 * `db.$transaction(fn)` for raw statements only, on one of the pool's connections with BEGIN/COMMIT of its own.
 * Prisma's interactive transaction sends every statement through its WASM query compiler and interpreter; for the
 * worker's evaluation batch (a dozen statements per record) that was the largest share of its CPU after the socket
 * writes (issue 10, 20 records/s profile). Every statement of `fn` must go to `tx`: it holds a connection, and
 * waiting for a second one from the same pool could wait for ever when all are held the same way.
 * Given a transaction client, it runs in that transaction (as queryRows does).
 */
export async function withPoolTransaction<T>(db: object, fn: (tx: RawTx) => Promise<T>, options: { timeoutMs: number }): Promise<T> {
  const pool = pools.get(db);
  if (!pool) {
    // A transaction client: the caller's transaction is this one. Another top-level client: Prisma's own.
    const prisma = db as RawTx & { $transaction?<R>(fn: (tx: RawTx) => Promise<R>, options: { timeout: number; maxWait: number }): Promise<R> };
    return prisma.$transaction ? prisma.$transaction(fn, { timeout: options.timeoutMs, maxWait: 10_000 }) : fn(prisma);
  }
  const client = await pool.connect();
  let broken: Error | undefined;
  // pg's pool listens for a connection's errors only while it is idle: one lost while checked out (a server restart,
  // the timeout below) would otherwise be an uncaught 'error' that ends the process. The statement in flight rejects
  // with it anyway; the connection is dropped on release.
  const onError = (error: Error) => void (broken = error);
  client.on('error', onError);
  // Prisma's transaction timeout, kept: a batch stuck past it rolls back in the server instead of holding its locks.
  const timeout = `SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`;
  try {
    await client.query(`BEGIN; ${timeout}`);
    const result = await fn(rawOn(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A stale plan: this connection would fail the statement again; the caller's retry gets another.
    if (isStalePlanError(error)) broken = error as Error;
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
