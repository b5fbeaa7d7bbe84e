import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { SerialClient } from './serial-client.ts';

export interface PrismaOptions {
  /** Pool size per process; API and worker share one pool in the default single-process setup. */
  max?: number;
  onPoolError?: (error: Error) => void;
}

export function createPrismaClient(url: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    // SerialClient: one query at a time per connection (see serial-client.ts).
    { connectionString: url, max: options.max ?? 20, Client: SerialClient },
    {
      // An idle pooled connection that the server drops (restart, shutdown, failover) emits 'error'; unhandled, that
      // would crash the process. The pool replaces the connection on next use, so logging is enough.
      onPoolError: (error) => options.onPoolError?.(error),
    },
  );
  // Prisma's default 2 s wait for a pooled connection turns a short burst into errors; waiting longer is what a
  // caller wants, and a transaction that runs past 20 s is a bug worth an error.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

export type Db = PrismaClient;
