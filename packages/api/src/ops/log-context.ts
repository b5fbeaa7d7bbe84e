// Which request or job a log line belongs to. The HTTP layer and the task wrapper run their work inside a
// context; the pino mixin (apps/server logger.ts) copies it onto every line, so one record's path can be
// followed across processes by its request id and job id without passing a logger around.
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogContext = { reqId: string } | { jobId: string; task: string };

const storage = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The fields to add to a log line written now; empty outside a request or job. */
export function currentLogContext(): LogContext | Record<string, never> {
  return storage.getStore() ?? {};
}
