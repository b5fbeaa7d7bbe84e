import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { registerPool } from './pool-query.ts';
import { SerialClient } from './serial-client.ts';

export interface PrismaOptions {
  /** Pool size per process; API and worker share one pool in the default single-process setup. */
  max?: number;
  onPoolError?: (error: Error) => void;
}

export function createPrismaClient(url: string, options: PrismaOptions = {}): PrismaClient {
  // Our own pg pool, handed to the adapter (and ended with the client): the hot path's raw statements run on it
  // directly (pool-query.ts), Prisma's ORM calls on the same connections. SerialClient: one query at a time per
  // connection (see serial-client.ts).
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, Client: SerialClient });
  const adapter = new PrismaPg(pool, {
    // An idle pooled connection that the server drops (restart, shutdown, failover) emits 'error'; unhandled, that
    // would crash the process. The pool replaces the connection on next use, so logging is enough.
    onPoolError: (error) => options.onPoolError?.(error),
    disposeExternalPool: true,
  });
  // Prisma's default 2 s wait for a pooled connection turns a short burst into errors; waiting longer is what a
  // caller wants, and a transaction that runs past 20 s is a bug worth an error.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
  registerPool(client, pool);
  return client;
}

export type Db = PrismaClient;
