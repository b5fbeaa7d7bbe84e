// `pnpm start`'s workers: separate Node processes (worker-main.ts) started and stopped with the API, so evaluation
// and sending use the second core instead of competing with the record API on one event loop. A child that dies
// is restarted with back-off; its locked jobs come back through worker recovery (heartbeats), as for any worker.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerState } from '@alimflow/api';
import type { Logger } from 'pino';
import { MALLOC_ENV, NODE_MEMORY_FLAGS } from './process-memory.ts';

export interface WorkerChildren {
  state(): WorkerState;
  pids(): number[];
  stop(): Promise<void>;
}

// Beside this file with its extension: worker-main.ts under tsx, worker-main.js when run compiled.
const ENTRY = fileURLToPath(new URL(`./worker-main${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
const MAX_RESTART_DELAY_MS = 30_000;
const STOP_LIMIT_MS = 10_000;

/** `env` is what the children need on top of ours: the shared database and NHN sandbox of this process. */
export function startWorkerChildren(count: number, env: Record<string, string>, logger: Logger): WorkerChildren {
  const log = logger.child({ component: 'worker-children' });
  const children = new Map<number, ChildProcess>();
  const ready = new Set<ChildProcess>();
  let stopping = false;

  const launch = (slot: number, failures: number) => {
    // The memory flags, then the parent's own Node flags (`--import tsx` under tsx, the same memory flags under
    // `pnpm start`, a profiler's or a bench's), which come later and so win over ours; ours are not repeated.
    const inherited = process.execArgv.filter((flag) => !NODE_MEMORY_FLAGS.includes(flag));
    const child = spawn(process.execPath, [...NODE_MEMORY_FLAGS, ...inherited, ENTRY], {
      env: { ...MALLOC_ENV, ...process.env, ...env, SEED_DEMO: 'false' },
      // The IPC channel: the child says when its worker runs, and stops by itself if this process dies.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.set(slot, child);
    child.on('message', (m) => {
      if (typeof m === 'object' && m !== null && 'ready' in m) ready.add(child);
    });
    const startedAt = Date.now();
    child.on('exit', (code, signal) => {
      ready.delete(child);
      if (children.get(slot) === child) children.delete(slot);
      if (stopping) return;
      // A child that ran for a while before dying starts over with a short delay; one that keeps dying backs off.
      const nextFailures = Date.now() - startedAt > 60_000 ? 0 : failures + 1;
      const delay = Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** nextFailures);
      log.error({ code, signal, restartInMs: delay }, 'worker process ended; restarting');
      setTimeout(() => {
        if (!stopping) launch(slot, nextFailures);
      }, delay).unref();
    });
  };
  for (let slot = 0; slot < count; slot++) launch(slot, 0);

  return {
    state: () => (stopping ? 'stopped' : ready.size === count ? 'running' : 'reconnecting'),
    pids: () => [...children.values()].flatMap((c) => (c.pid ? [c.pid] : [])),
    async stop() {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              // The child finishes its running jobs on SIGTERM (stopOnSignals); past the limit it is killed and
              // worker recovery hands back whatever it held.
              const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
