// Operator endpoints: /livez (the process answers), /readyz (it can do its job: database, migrations, a live
// worker) and /metrics (Prometheus). /metrics shows install-wide figures, so it is not public: with METRICS_TOKEN
// set it needs `Authorization: Bearer <token>`; without, it answers only direct loopback connections (a request
// relayed by a proxy on the same host carries X-Forwarded-For / Forwarded and is refused).
import { constantTimeEqual, type Metrics, type ReadinessReport } from '@alimflow/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';

export interface OpsRoutesOptions {
  metrics: Metrics;
  readiness: () => Promise<ReadinessReport>;
  metricsToken: string | undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function metricsAccess(req: Pick<FastifyRequest, 'headers'> & { socket: { remoteAddress?: string | undefined } }, token: string | undefined): 'ok' | 'unauthorized' | 'forbidden' {
  if (token) {
    const given = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    return given && constantTimeEqual(given, token) ? 'ok' : 'unauthorized';
  }
  const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !relayed && LOOPBACK.test(req.socket.remoteAddress ?? '') ? 'ok' : 'forbidden';
}

export function registerOpsRoutes(app: FastifyInstance, { metrics, readiness, metricsToken }: OpsRoutesOptions): void {
  app.get('/livez', (_req, reply) => reply.send({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    const report = await readiness();
    return reply.code(report.ready ? 200 : 503).send(report);
  });

  app.get('/metrics', async (req, reply) => {
    const access = metricsAccess(req, metricsToken);
    if (access === 'unauthorized') return reply.code(401).send({ error: 'invalid or missing bearer token (METRICS_TOKEN)' });
    if (access === 'forbidden') return reply.code(403).send({ error: '/metrics answers loopback only; set METRICS_TOKEN to scrape it from elsewhere' });
    return reply.header('content-type', metrics.contentType).send(await metrics.text());
  });
}

/** `pnpm worker` has no HTTP server; with METRICS_PORT it serves just these routes, so its own series are scraped. */
export async function startOpsServer(options: OpsRoutesOptions & { port: number; host: string; logger: FastifyBaseLogger }): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ loggerInstance: options.logger.child({ component: 'ops-http' }, { level: 'warn' }) }) as unknown as FastifyInstance;
  registerOpsRoutes(app, options);
  const url = await app.listen({ port: options.port, host: options.host });
  return { url, close: () => app.close() };
}
