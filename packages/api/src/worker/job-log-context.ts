// Every log line a task writes carries its job id and task name (see ops/log-context.ts), so a record event's
// evaluation and the send it enqueued can be found in any worker process's log.
import type { TaskList } from 'graphile-worker';
import { runWithLogContext } from '../ops/log-context.ts';

export function withJobLogContext(tasks: TaskList): TaskList {
  return Object.fromEntries(
    Object.entries(tasks).map(([task, fn]) => [task, (payload, helpers) => runWithLogContext({ jobId: helpers.job.id, task }, () => fn!(payload, helpers))]),
  );
}
