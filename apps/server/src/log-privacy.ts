// What may reach the log. Ids and counts, never names, phone numbers or message text: graphile-worker's job
// lines lose their payload (an evaluate job carries the whole record, before and after), errors keep their
// type, code, first message line and frames (Prisma's multi-line messages quote the query's arguments), and a
// request is its method and path (a tRPC query's ?input= is the caller's data). LOG_PII=true turns this off
// for a debugging session.

const MAX_MESSAGE = 200;

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

export function privateErrorSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return {
    type: error.constructor.name,
    message: firstLine(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: frames.join('\n'),
  };
}

export function requestSerializer(req: { method?: string; url?: string; id?: unknown }) {
  return { id: req.id, method: req.method, path: String(req.url ?? '').split('?')[0] };
}

interface JobLike {
  id?: unknown;
  task_identifier?: unknown;
  attempts?: unknown;
  max_attempts?: unknown;
}

/** graphile-worker meta (`{ job, error, … }`) reduced to ids and counts. */
export function privateWorkerMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (key === 'job' && value && typeof value === 'object') {
      const job = value as JobLike;
      out.job = { id: job.id, task: job.task_identifier, attempts: job.attempts, maxAttempts: job.max_attempts };
    } else if (key === 'error' || key === 'err') {
      out.err = privateErrorSerializer(value);
    } else if (key !== 'payload') {
      out[key] = value;
    }
  }
  return out;
}

/** graphile-worker's own sentences: "Failed task 12 (…) with error '<message>':\n  <stack>" keeps its first line. */
export function privateWorkerMessage(message: string): string {
  const failed = /^(Failed task .*? with error) '/s.exec(message);
  if (failed) return `${failed[1]} (detail in err)`;
  return firstLine(message);
}
