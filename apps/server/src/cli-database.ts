// The database an operator command (org:create, secrets:rotate) works on: DATABASE_URL, or the embedded Postgres
// in DATA_DIR — the running server's if there is one, else it starts it for the command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPrismaClient, migrateDatabase, startDatabase, type DatabaseHandle, type Db } from '@alimflow/db';
import type { Config } from './config.ts';

/** The embedded server a running AlimFlow started: its port is the 4th line of postmaster.pid. */
function runningEmbeddedUrl(dataDir: string): string | null {
  try {
    const lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!pid || !port) return null;
    process.kill(pid, 0);
    return `postgresql://postgres:postgres@127.0.0.1:${port}/alimflow`;
  } catch {
    return null;
  }
}

export async function openCliDatabase(config: Config): Promise<{ db: Db; close: () => Promise<void> }> {
  const dataDir = path.join(config.DATA_DIR, 'pg');
  const running = config.DATABASE_URL ? null : runningEmbeddedUrl(dataDir);
  const database: DatabaseHandle = running
    ? { url: running, embedded: true, stop: async () => {} }
    : await startDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
  const db = createPrismaClient(database.url, { max: 2 });
  try {
    await migrateDatabase(database.url, { quiet: true });
  } catch (error) {
    await db.$disconnect();
    await database.stop();
    throw error;
  }
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await database.stop();
    },
  };
}
