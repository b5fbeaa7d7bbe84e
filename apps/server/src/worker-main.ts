// `pnpm worker`: a worker-only process for scale-out. It needs the shared database (DATABASE_URL).
import { startApp } from './app.ts';
import { ConfigError } from './config.ts';
import { loadConfigOrExit } from './load-config.ts';

const config = loadConfigOrExit((c) => {
  if (!c.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  - DATABASE_URL: a separate worker needs the shared database; set DATABASE_URL');
  }
});
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const app = await startApp({ ...config, RUN_WORKER: true, SEED_DEMO: false }, { http: false });
app.deps.logger.info('AlimFlow worker is running');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void app.stop().then(() => process.exit(0)));
}
