// What /healthz reports: whether this process reaches the database and whether its worker (if it runs one) is
// working, so an operator or a load balancer sees what is down instead of a bare 503.
import type { Db } from '@alimflow/db';
import type { WorkerState } from './worker/runner.ts';

export interface HealthReport {
  ok: boolean;
  database: 'up' | 'down';
  /** `off` when this process runs no worker (RUN_WORKER=false). */
  worker: WorkerState | 'off';
}

export async function checkHealth(db: Db, worker: { state(): WorkerState } | null, timeoutMs = 2_000): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), timeoutMs);
  });
  const database = await Promise.race([db.$queryRaw`SELECT 1`, timeout]).then(
    () => 'up' as const,
    () => 'down' as const,
  );
  clearTimeout(timer);
  const workerState = worker ? worker.state() : 'off';
  return { ok: database === 'up' && workerState !== 'reconnecting', database, worker: workerState };
}
