// The worker of one process: graphile-worker's runner plus its heartbeat and the recovery cron, restarted with
// back-off if the runner ever ends on its own (so a database outage never leaves a process without a worker).
import os from 'node:os';
import { EventEmitter } from 'node:events';
import type { Db } from '@alimflow/db';
import { parseCronItems, run, type CronItem, type Logger as GraphileLogger, type Runner, type TaskList, type Worker, type WorkerEvents } from 'graphile-worker';
import type { Logger } from 'pino';
import { heldJobIds } from '../services/job-batch.ts';
import { startHeartbeat } from './heartbeat.ts';
import { withJobLogContext } from './job-log-context.ts';
import { RECOVERY_TASK, recoveryCronItem, recoveryTask } from './recovery.ts';

export type WorkerState = 'running' | 'reconnecting' | 'stopped';

export interface WorkerProcess {
  readonly heartbeatId: string;
  state(): WorkerState;
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  connectionString: string;
  db: Db;
  logger: Logger;
  workerLogger: GraphileLogger;
  concurrency: number;
  taskList: TaskList;
  cronItems: CronItem[];
  /** A worker silent for this long is presumed dead and its jobs are returned to the queue. */
  silentAfterMs: number;
  pollInterval?: number;
}

const MAX_RESTART_DELAY_MS = 30_000;

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const log = options.logger.child({ component: 'worker' });
  const workers = new Set<Worker>();
  const heartbeatMs = Math.max(200, Math.min(5_000, options.silentAfterMs / 6));
  const heartbeat = startHeartbeat(options.db, {
    intervalMs: heartbeatMs,
    logger: options.logger,
    orphanAfterMs: options.silentAfterMs,
    activeJobIds: () => [...[...workers].flatMap((w) => (w.getActiveJob() ? [w.getActiveJob()!.id] : [])), ...heldJobIds],
  });
  const sweep = recoveryTask({
    db: options.db,
    // A process killed on this machine (kill -9, OOM) is recovered once its pid is gone and its heartbeat is a few
    // beats old, not after the whole silence threshold: drills a and f.
    sameHost: { hostname: os.hostname(), quietMs: 3 * heartbeatMs },
    logger: options.logger,
    silentAfterMs: options.silentAfterMs,
    connectedForMs: () => heartbeat.connectedForMs(),
    minConnectedMs: Math.min(options.silentAfterMs, 3 * heartbeatMs),
  });
  const taskList: TaskList = withJobLogContext({ ...options.taskList, [RECOVERY_TASK]: sweep });
  // The cron sweep runs once a minute; sweeping here too, every two heartbeats, returns a dead worker's jobs
  // soon after the threshold instead of up to a minute later. Concurrent sweeps are safe (SKIP LOCKED).
  const sweepTimer = setInterval(() => {
    Promise.resolve(sweep({}, {} as Parameters<typeof sweep>[1])).catch((error: unknown) =>
      log.warn({ error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'recovery sweep failed; retrying'),
    );
  }, 2 * heartbeatMs);
  sweepTimer.unref();
  const parsedCronItems = parseCronItems([...options.cronItems, recoveryCronItem]);

  let runner: Runner | null = null;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | null = null;
  let failures = 0;

  const launch = async (): Promise<void> => {
    const events: WorkerEvents = new EventEmitter();
    let poolId: string | null = null;
    events.on('pool:create', ({ workerPool }) => {
      poolId = workerPool.id;
      heartbeat.addPool(workerPool.id);
    });
    events.on('worker:create', ({ worker }) => void workers.add(worker));
    events.on('worker:stop', ({ worker }) => void workers.delete(worker));
    const started = await run({
      connectionString: options.connectionString,
      concurrency: options.concurrency,
      noHandleSignals: true,
      logger: options.workerLogger,
      taskList,
      parsedCronItems,
      events,
      ...(options.pollInterval ? { pollInterval: options.pollInterval } : {}),
    });
    runner = started;
    failures = 0;
    started.promise.then(
      () => onEnded(started, poolId, null),
      (error: unknown) => onEnded(started, poolId, error),
    );
  };

  const onEnded = (ended: Runner, poolId: string | null, error: unknown) => {
    if (runner === ended) runner = null;
    if (stopping) return;
    // The pool is gone with all its workers: whatever it still has locked belongs to nobody. The sweep (or our
    // own heartbeat's orphan check once the pool id is dropped) hands it back; dropping it here makes that quick.
    if (poolId) heartbeat.removePool(poolId);
    log.error({ error: error instanceof Error ? error.message : String(error) }, 'worker runner ended; restarting');
    scheduleRestart();
  };

  const scheduleRestart = () => {
    const delay = Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** failures++);
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (stopping) return;
      launch().then(
        () => log.info('worker runner restarted'),
        (error: unknown) => {
          log.warn({ error: error instanceof Error ? error.message : String(error) }, 'worker runner could not start; retrying');
          scheduleRestart();
        },
      );
    }, delay);
  };

  await launch();
  return {
    heartbeatId: heartbeat.id,
    state: () => (stopping ? 'stopped' : runner && heartbeat.connectedForMs() > 0 ? 'running' : 'reconnecting'),
    async stop() {
      stopping = true;
      clearInterval(sweepTimer);
      if (restartTimer) clearTimeout(restartTimer);
      const current = runner;
      if (current) await current.stop();
      await heartbeat.stop();
    },
  };
}
