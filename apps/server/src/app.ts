// The composition root: database → migrations → seed → sandbox NHN → worker → HTTP. Used by main.ts, by the
// worker-only entry and by tests that need the whole thing running.
import {
  cachedOpsSnapshot,
  createLoginLimiter,
  createMetrics,
  createProviderResolver,
  createReadinessCheck,
  createReloadingSecretBox,
  cronItems,
  createTaskList,
  instrumentLoginLimiter,
  instrumentProviderResolver,
  processDueRepeats,
  sealStoredSecrets,
  seedDemo,
  startWorkerProcess,
  type AppDeps,
  type Metrics,
  type WorkerProcess,
  type WorkerState,
} from '@alimflow/api';
import { sandboxCredentials, startFakeNhnServer, type FakeNhnServer } from '@alimflow/alimtalk/fake';
import { createPrismaClient, migrateDatabase, startDatabase } from '@alimflow/db';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import { buildHttpServer } from './http.ts';
import { startOpsServer } from './ops-routes.ts';
import { createLogger, workerLogger } from './logger.ts';
import { secretKeySource } from './secret-keys.ts';

export interface RunningApp {
  /** Where this process answers HTTP: the whole API, or (worker-only with METRICS_PORT) just the ops routes. */
  url: string | null;
  /** The database this app uses (embedded or DATABASE_URL): what separate worker processes connect to. */
  databaseUrl: string;
  deps: AppDeps;
  sandboxUrl: string;
  fakeNhn: FakeNhnServer | null;
  /** The in-process worker (RUN_WORKER), or null. */
  worker: WorkerProcess | null;
  metrics: Metrics;
  stop(): Promise<void>;
}

const STOP_STEP_LIMIT_MS: Record<string, number> = { http: 3_000, worker: 6_000, postgres: 3_000 };

function withTimeout(promise: Promise<unknown>, ms: number, name: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not stop within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

export interface StartOptions {
  http?: boolean;
  logDestination?: DestinationStream;
  /** How long /metrics and the System page reuse one read of the Postgres figures (default 5 s; tests use less). */
  opsCacheMs?: number;
  /** Workers running in other processes (worker-children.ts), reported by /healthz instead of an in-process one. */
  externalWorker?: { state(): WorkerState };
}

export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const logger = createLogger(config.LOG_LEVEL, { pii: config.LOG_PII, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const stops: Array<[string, () => Promise<unknown>]> = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    // Reverse start order: HTTP, then the worker, then the sandbox, then Postgres. Each step is bounded, so a
    // shutdown with the database already gone still ends (≤ 15 s in all): what a step leaves undone — a job whose
    // completion was not written — is handed back by worker recovery and safe to run again.
    for (const [name, fn] of stops.reverse()) {
      try {
        await withTimeout(fn(), STOP_STEP_LIMIT_MS[name] ?? 2_000, name);
      } catch (error) {
        logger.error({ err: error }, `stopping ${name} failed`);
      }
    }
  };

  try {
    const database = await startDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: path.join(config.DATA_DIR, 'pg'),
      onLog: (m) => logger.trace({ component: 'postgres' }, m.trim()),
    });
    stops.push(['postgres', () => database.stop()]);
    logger.info({ embedded: database.embedded }, database.embedded ? 'embedded PostgreSQL started' : 'using DATABASE_URL');

    await migrateDatabase(database.url, { quiet: true });
    const db = createPrismaClient(database.url, {
      // Postgres closing pooled connections is expected while we shut down; at any other time it is worth a warning.
      onPoolError: (err) => {
        if (!stopping) logger.warn({ error: err.message }, 'database connection dropped; the pool will reconnect');
      },
    });
    stops.push(['prisma', () => db.$disconnect()]);

    const keys = secretKeySource(config);
    if (keys.file && config.DATABASE_URL) {
      logger.warn({ file: keys.file }, 'APP_SECRET_KEY is not set: secrets are encrypted with the key file; every process sharing DATABASE_URL needs the same key, so set APP_SECRET_KEY');
    }
    const secretBox = createReloadingSecretBox(keys.load);
    // Values stored before encryption (or under an earlier key) are sealed under the current key.
    const sealed = await sealStoredSecrets(db, secretBox);
    if (sealed.encrypted || sealed.rotated) logger.info(sealed, 'stored NHN secret keys sealed under the current key');
    if (sealed.unreadable) logger.warn(sealed, 'some stored NHN secret keys cannot be decrypted with this key; their admins must enter them again in 설정');

    if (config.SEED_DEMO) {
      const seeded = await seedDemo(db, {
        adminEmail: config.SEED_ADMIN_EMAIL,
        adminPassword: config.SEED_ADMIN_PASSWORD,
        sampleData: config.SEED_SAMPLE_DATA,
      });
      if (seeded.generatedPassword) {
        logger.warn(`demo admin created — sign in as ${seeded.adminEmail} with password ${seeded.generatedPassword} (shown once)`);
      }
    }

    let fakeNhn: FakeNhnServer | null = null;
    let sandboxUrl = config.SANDBOX_NHN_URL;
    if (!sandboxUrl) {
      fakeNhn = await startFakeNhnServer({
        port: config.SANDBOX_NHN_PORT,
        ...sandboxCredentials,
        deliveryDelayMs: config.SANDBOX_DELIVERY_DELAY_MS,
      });
      stops.push(['sandbox NHN', () => fakeNhn!.close()]);
      sandboxUrl = fakeNhn.url;
      logger.info({ url: sandboxUrl }, 'sandbox NHN server started');
    }

    const now = () => new Date();
    const silentAfterMs = config.WORKER_SILENT_AFTER_S * 1000;
    const opsSnapshot = cachedOpsSnapshot(db, silentAfterMs, options.opsCacheMs);
    const metrics = createMetrics(opsSnapshot);
    const deps: AppDeps = {
      db,
      logger,
      loginLimiter: instrumentLoginLimiter(createLoginLimiter(db, now), metrics),
      secretBox,
      providerForOrg: instrumentProviderResolver(createProviderResolver(db, { baseUrl: sandboxUrl }, secretBox), metrics),
      opsSnapshot,
      workerSilentAfterMs: silentAfterMs,
      cookieSecure: config.COOKIE_SECURE,
      sendRetryBaseMs: config.SEND_RETRY_BASE_MS,
      retentionDays: config.RETENTION_DAYS,
      now,
    };

    let worker: WorkerProcess | null = null;
    if (config.RUN_WORKER) {
      const started = await startWorkerProcess({
        connectionString: database.url,
        db,
        logger,
        workerLogger: workerLogger(logger, { pii: config.LOG_PII }),
        concurrency: config.WORKER_CONCURRENCY,
        taskList: createTaskList(deps),
        cronItems,
        silentAfterMs,
      });
      worker = started;
      stops.push(['worker', () => started.stop()]);
      logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker started');
    }

    const ops = { metrics, metricsToken: config.METRICS_TOKEN, readiness: createReadinessCheck(db, { requireWorker: config.RUN_WORKER, silentAfterMs }) };
    let url: string | null = null;
    if (options.http === false && config.METRICS_PORT !== undefined) {
      const server = await startOpsServer({ ...ops, port: config.METRICS_PORT, host: config.HOST, logger });
      stops.push(['http', () => server.close()]);
      url = server.url;
      logger.info({ url: server.url }, 'metrics and health endpoints listening');
    }
    if (options.http !== false) {
      const app = await buildHttpServer({
        deps,
        trustProxy: config.TRUST_PROXY,
        webDist: config.WEB_DIST,
        cronSecret: config.CRON_SECRET,
        worker: worker ?? options.externalWorker ?? null,
        ops,
        processRepeats: async () => {
          const { processed, sent, completed, cancelled } = await processDueRepeats(deps);
          return { processed, sent, completed, cancelled };
        },
      });
      url = await app.listen({ port: config.PORT, host: config.HOST });
      stops.push(['http', () => app.close()]);
      if (!config.CRON_SECRET) logger.warn('CRON_SECRET is not set: POST /api/alimtalk/automation/process-repeats answers 401');
    }
    return { url, databaseUrl: database.url, deps, sandboxUrl, fakeNhn, worker, metrics, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
