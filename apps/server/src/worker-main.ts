// `pnpm worker`: a worker-only process for scale-out. It needs the shared database (DATABASE_URL).
import { startApp } from './app.ts';
import { ConfigError } from './config.ts';
import { loadConfigOrExit } from './load-config.ts';
import { createLogger } from './logger.ts';
import { installProcessGuards, stopOnSignals } from './process-guards.ts';

const config = loadConfigOrExit((c) => {
  if (!c.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  - DATABASE_URL: a separate worker needs the shared database; set DATABASE_URL');
  }
});
installProcessGuards(createLogger(config.LOG_LEVEL));

const app = await startApp({ ...config, RUN_WORKER: true, SEED_DEMO: false }, { http: false });
app.deps.logger.info('AlimFlow worker is running');
stopOnSignals(() => app.stop(), app.deps.logger);
// Started by `pnpm start` (worker-children.ts): report readiness, and stop like on SIGTERM when the parent is gone
// (a parent killed with SIGKILL cannot stop its children).
if (process.send) {
  process.send({ ready: true });
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
