// The app the fuzzer attacks: the whole server on a fresh database with the demo org and its sample data, and no
// worker (jobs queue but do not run), so the only writes are the ones each fuzzed request makes.
import type { Db } from '@alimflow/db';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { signIn, type FuzzAuth } from './fuzz-run.ts';

const ADMIN = { email: 'fuzz@example.com', password: 'fuzz-password-1' };

/** `database`: a fresh one (the test's createTestDatabase, the drill's own embedded Postgres); dropped at stop. */
export async function startFuzzApp(database: { url: string; drop(): Promise<void> }): Promise<{ baseUrl: string; db: Db; auth: FuzzAuth; stop(): Promise<void> }> {
  const app = await startApp(
    loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      APP_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      SEED_ADMIN_EMAIL: ADMIN.email,
      SEED_ADMIN_PASSWORD: ADMIN.password,
      RUN_WORKER: 'false',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
    }),
  ).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const baseUrl = app.url!;
  return {
    baseUrl,
    db: app.deps.db,
    auth: await signIn(baseUrl, ADMIN.email, ADMIN.password),
    stop: async () => {
      await app.stop();
      await database.drop();
    },
  };
}
