// `pnpm worker`: a worker-only process for scale-out. It needs a shared database (DATABASE_URL).
import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

let config;
try {
  config = loadConfig();
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  - DATABASE_URL: a separate worker needs the shared database; set DATABASE_URL');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const app = await startApp({ ...config, RUN_WORKER: true, SEED_DEMO: false }, { http: false });
app.deps.logger.info('AlimFlow worker is running');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void app.stop().then(() => process.exit(0)));
}
