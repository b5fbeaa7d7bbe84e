// HTTP-level error answers. While the database is unreachable every endpoint answers 503 with Retry-After and a
// Korean/English message (tRPC through responseMeta, the rest through Fastify's error handler); any other
// unexpected error is a 500 without the error's text, which could hold SQL or paths.
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, type AppDeps } from '@alimflow/api';
import type { FastifyInstance } from 'fastify';

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/** tRPC `responseMeta`: the Retry-After header on a 503 (the database away, or the pool saturated). */
export function trpcResponseMeta({ errors }: { errors: readonly { code: string }[] }): { headers?: Record<string, string> } {
  return errors.some((e) => e.code === 'SERVICE_UNAVAILABLE') ? { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } : {};
}

export function installErrorHandler(app: FastifyInstance, deps: AppDeps): void {
  app.setErrorHandler((error, _req, reply) => {
    if (isDatabaseUnavailable(error)) {
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ error: DATABASE_UNAVAILABLE_MESSAGE });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: (error as Error).message });
    deps.logger.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });
}
