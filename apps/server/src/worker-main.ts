// `pnpm worker`: a worker-only process for scale-out. It needs the shared database (DATABASE_URL).
import os from 'node:os';
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
// Only a worker of its own: inside the API process (WORKER_PROCESSES=0) the API would be slowed with it.
const lowered = lowerPriority(config.WORKER_NICE);

const app = await startApp({ ...config, RUN_WORKER: true, SEED_DEMO: false }, { http: false });
app.deps.logger.info({ nice: lowered }, 'AlimFlow worker is running');
stopOnSignals(() => app.stop(), app.deps.logger);
// Started by `pnpm start` (worker-children.ts): report readiness, and stop like on SIGTERM when the parent is gone
// (a parent killed with SIGKILL cannot stop its children).
if (process.send) {
  process.send({ ready: true });
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

/** This process's niceness raised to `nice` (never lowered: that needs privileges); what it ended up as. */
function lowerPriority(nice: number): number {
  try {
    if (os.getPriority() < nice) os.setPriority(nice);
  } catch {
    // A sandbox that forbids it: the worker runs at the priority it was given, which is only slower for the API.
  }
  return os.getPriority();
}
