// HTTP composition: tRPC at /trpc, the cron endpoint, /healthz and the built SPA. No business logic here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { appRouter, checkHealth, constantTimeEqual, createContext, pickLanguage, type AppDeps, type AppRouter, type WorkerState } from '@alimflow/api';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler, trpcResponseMeta } from './http-errors.ts';
import { registerSecurityHeaders, sameOriginMutationsHook } from './security-headers.ts';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.ts';

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
}

export async function buildHttpServer({ deps, trustProxy, webDist, cronSecret, processRepeats, worker = null }: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Per-request lines are noise at info; warnings and errors still come through.
    loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }),
    trustProxy: fastifyTrustProxy(trustProxy),
  }) as unknown as FastifyInstance;
  await app.register(fastifyCookie);
  installErrorHandler(app, deps);
  await registerSecurityHeaders(app);
  sameOriginMutationsHook(app);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
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
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  app.get('/healthz', async (_req, reply) => {
    const report = await checkHealth(deps.db, worker);
    return reply.code(report.ok ? 200 : 503).send(report);
  });

  app.post('/api/alimtalk/automation/process-repeats', async (req, reply) => {
    const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!cronSecret || !token || !constantTimeEqual(token, cronSecret)) {
      return reply.code(401).send({ error: cronSecret ? 'invalid or missing bearer token' : 'CRON_SECRET is not set on this server' });
    }
    if (!processRepeats) return reply.code(503).send({ error: 'repeat processing is not available' });
    return processRepeats();
  });

  if (existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // Client-side routes (/automations, /logs…) all load the SPA.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/trpc') && !req.url.startsWith('/api/')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ error: 'not found' });
    });
  } else {
    deps.logger.warn({ webDist }, 'SPA not built: run `pnpm --filter @alimflow/web build` (pnpm start does this)');
  }
  return app;
}
