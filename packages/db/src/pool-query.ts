// Raw statements straight on the client's pg pool, for the few that run on every record write. Through Prisma a
// $queryRaw is compiled by its WASM query compiler and interpreted before pg sees it: in the CPU profile of
// records.create over HTTP that was about a fifth of the API process's time, more than pg itself.
// Rows come back as $queryRaw returns them (Date for timestamps, parsed JSON, BigInt for int8), and errors stay
// pg's own (SQLSTATE in `code`, socket codes), which api/src/db-errors.ts classifies.
import pg from 'pg';
import type { Prisma } from './generated/prisma/client.ts';

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

/**
 * `db.$queryRaw(query)`, on the pool when `db` is a top-level client from createPrismaClient, else (inside an
 * interactive transaction) through Prisma, so a caller's transaction is kept.
 */
export async function queryRows<T>(db: object, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return (db as { $queryRaw<R>(q: Prisma.Sql): Promise<R> }).$queryRaw<T[]>(query);
  const result = await pool.query({ text: query.text, values: query.values.map(param), types });
  return result.rows as T[];
}
