import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export interface PrismaOptions {
  /** Pool size per process; API and worker share one pool in the default single-process setup. */
  max?: number;
}

export function createPrismaClient(url: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 20 });
  return new PrismaClient({ adapter });
}

export type Db = PrismaClient;
