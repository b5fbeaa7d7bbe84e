// HTTP composition: tRPC at /trpc, the cron endpoint, /healthz and the built SPA. No business logic here.
import fastifyCookie from '@fastify/cookie';
import { appRouter, checkHealth, constantTimeEqual, createContext, type AppDeps, type AppRouter, type WorkerState } from '@alimflow/api';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler, trpcResponseMeta } from './http-errors.ts';
import { registerSpa } from './static.ts';

export interface HttpOptions {
  deps: AppDeps;
  webDist: string;
  cronSecret: string | undefined;
  /** The same sweep the worker's cron runs; exposed for an external scheduler. */
  processRepeats?: () => Promise<Record<string, number>>;
  /** The in-process worker, reported by /healthz; null when this process runs none. */
  worker?: { state(): WorkerState } | null;
}

export async function buildHttpServer({ deps, webDist, cronSecret, processRepeats, worker = null }: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Per-request lines are noise at info; warnings and errors still come through.
    loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }),
    trustProxy: true,
    // Lead imports upload the file (base64, ≤ 10 MB) in one imports.upload call; other bodies are tiny.
    bodyLimit: 15 * 1024 * 1024,
  }) as unknown as FastifyInstance;
  await app.register(fastifyCookie);
  installErrorHandler(app, deps);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) =>
        createContext(deps, {
          ip: req.ip,
          authorization: req.headers.authorization,
          cookie: (name) => req.cookies[name],
          setCookie: (name, value, options) =>
            void res.setCookie(name, value, {
              path: '/',
              httpOnly: true,
              sameSite: 'lax',
              secure: deps.cookieSecure,
              ...(options?.maxAgeSeconds ? { maxAge: options.maxAgeSeconds } : {}),
            }),
          clearCookie: (name) => void res.clearCookie(name, { path: '/' }),
        }),
      responseMeta: trpcResponseMeta,
      onError({ error, path: procedure }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') deps.logger.error({ err: error, procedure }, 'tRPC procedure failed');
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

  if (!(await registerSpa(app, webDist))) {
    deps.logger.warn({ webDist }, 'SPA not built: run `pnpm --filter @alimflow/web build` (pnpm start does this)');
  }
  return app;
}
