// HTTP composition: tRPC at /trpc, the cron endpoint, /healthz and the built SPA. No business logic here.
import fastifyCookie from '@fastify/cookie';
import { appRouter, checkHealth, constantTimeEqual, createContext, pickLanguage, runWithLogContext, type AppDeps, type AppRouter, type WorkerState } from '@alimflow/api';
import { randomUUID } from 'node:crypto';
import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler, trpcResponseMeta } from './http-errors.ts';
import { registerOpsRoutes, type OpsRoutesOptions } from './ops-routes.ts';
import { registerSecurityHeaders, sameOriginMutationsHook } from './security-headers.ts';
import { registerSpa } from './static.ts';
import { trpcRoutes } from './trpc-route.ts';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.ts';

/** Every request body but a lead-import upload. */
export const BODY_LIMIT = 1024 * 1024;
/** imports.upload carries the file (base64, ≤ 10 MB) in one call. */
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;
const UPLOAD_PATH = '/trpc/imports.upload';

export interface HttpOptions {
  deps: AppDeps;
  /** Which proxies' X-Forwarded-* headers to believe (see trust-proxy.ts); false = none. */
  trustProxy: TrustProxy;
  webDist: string;
  cronSecret: string | undefined;
  /** The same sweep the worker's cron runs; exposed for an external scheduler. */
  processRepeats?: () => Promise<Record<string, number>>;
  /** The in-process worker, reported by /healthz; null when this process runs none. */
  worker?: { state(): WorkerState } | null;
  /** /livez, /readyz and /metrics; absent in tests that build a bare server. */
  ops?: OpsRoutesOptions;
}

/** A caller's X-Request-Id is kept (so a proxy's id follows the request into our log) when it is a plain token. */
export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

export async function buildHttpServer({ deps, trustProxy, webDist, cronSecret, processRepeats, worker = null, ops }: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Per-request lines are noise at info; warnings and errors still come through.
    loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }),
    trustProxy: fastifyTrustProxy(trustProxy),
    // The parser's ceiling is the lead-import upload (base64 file, ≤ 10 MB); every other request is held to
    // BODY_LIMIT by the onRequest check below, before its body is read.
    bodyLimit: UPLOAD_BODY_LIMIT,
    genReqId: (req) => requestId(req.headers['x-request-id']),
  }) as unknown as FastifyInstance;
  // Every line logged while a request is handled (procedures, services) carries its id; the caller gets it back.
  app.addHook('onRequest', async (req, reply) => void reply.header('x-request-id', req.id));
  app.addHook('preHandler', (req, _reply, done) => runWithLogContext({ reqId: req.id }, done));
  await app.register(fastifyCookie);
  installErrorHandler(app, deps);
  // Refused on the declared length, before any of the body is read (a chunked body still stops at the parser's ceiling).
  app.addHook('onRequest', async (req, reply) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > BODY_LIMIT && req.url.split('?')[0] !== UPLOAD_PATH) {
      return reply.code(413).send({ error: `Request body over ${BODY_LIMIT} bytes.` });
    }
  });
  registerSecurityHeaders(app);
  sameOriginMutationsHook(app);

  await app.register(
    trpcRoutes({
      router: appRouter,
      createContext: ({ req, res }) =>
        createContext(deps, {
          ip: req.ip,
          authorization: req.headers.authorization,
          language: pickLanguage(req.headers['accept-language']),
          cookie: (name) => req.cookies[name],
          setCookie: (name, value, options) =>
            void res.setCookie(name, value, {
              path: '/',
              httpOnly: true,
              sameSite: 'lax',
              // Unset COOKIE_SECURE: Secure exactly when the request came over HTTPS (as a trusted proxy reports it).
              secure: deps.cookieSecure ?? req.protocol === 'https',
              ...(options?.maxAgeSeconds ? { maxAge: options.maxAgeSeconds } : {}),
            }),
          clearCookie: (name) => void res.clearCookie(name, { path: '/' }),
        }),
      responseMeta: trpcResponseMeta,
      // Procedure failures are logged by the errorFormatter under the id the client sees; this catches the rest.
      onError({ error, ctx, path: procedure }) {
        if (error.code === 'INTERNAL_SERVER_ERROR' && !ctx) deps.logger.error({ err: error, procedure }, 'tRPC request failed before its procedure ran');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions']),
    { prefix: '/trpc' },
  );

  app.get('/healthz', async (_req, reply) => {
    const report = await checkHealth(deps.db, worker);
    return reply.code(report.ok ? 200 : 503).send(report);
  });

  if (ops) registerOpsRoutes(app, ops);

  app.post('/api/alimtalk/automation/process-repeats', async (req, reply) => {
    const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!cronSecret || !token || !constantTimeEqual(token, cronSecret)) {
      return reply.code(401).send({ error: cronSecret ? 'invalid or missing bearer token' : 'CRON_SECRET is not set on this server' });
    }
    if (!processRepeats) return reply.code(503).send({ error: 'repeat processing is not available' });
    return processRepeats();
  });

  if (!(await registerSpa(app, webDist))) {
    deps.logger.warn({ webDist }, 'SPA not built: run `pnpm --filter @alimflow/web build` (pnpm start does this)');
  }
  return app;
}
