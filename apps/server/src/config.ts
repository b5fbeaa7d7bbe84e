// Configuration, validated once at start-up. A bad value stops the process with a message saying what to set.
import path from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from '@alimflow/api';
import { repoRoot } from '@alimflow/db';
import { trustProxySchema } from './trust-proxy.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const KEY_HINT = '32 random bytes in base64; generate one with `openssl rand -base64 32`';
const secretKey = (name: string) =>
  z.string().transform((value, ctx) => {
    const key = parseSecretKey(value);
    if (!key) ctx.addIssue({ code: 'custom', message: `${name} must be ${KEY_HINT}` });
    return key ?? Buffer.alloc(0);
  });

const schema = z.object({
  PORT: z.coerce.number({ error: 'PORT must be a number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must look like postgresql://user:pass@host:5432/db')
    .optional(),
  DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  CRON_SECRET: z.string().min(16, 'CRON_SECRET must be at least 16 characters (e.g. `openssl rand -hex 32`)').optional(),
  // Bearer token for GET /metrics from anywhere; unset = /metrics answers direct loopback connections only.
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 32`)').optional(),
  // A worker-only process (`pnpm worker`) serves /metrics, /livez and /readyz on this port; unset = it serves none.
  METRICS_PORT: z.coerce.number({ error: 'METRICS_PORT must be a port number' }).int().min(0).max(65535).optional(),
  SEED_ADMIN_EMAIL: z.email('SEED_ADMIN_EMAIL must be an email address').optional(),
  SEED_ADMIN_PASSWORD: z.string().min(8, 'SEED_ADMIN_PASSWORD must be at least 8 characters').optional(),
  SEED_DEMO: bool.default(true),
  // Two sample rules and three leads on the demo org's first creation, so a fresh start shows sends at once.
  SEED_SAMPLE_DATA: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Debugging only: logs full errors, job payloads and request URLs, which contain names and phone numbers.
  LOG_PII: bool.default(false),
  RUN_WORKER: bool.default(true),
  // `pnpm start` runs the worker in this many separate processes (both cores: evaluation does not slow the record
  // API); 0 runs it inside the API process. `pnpm worker` and tests start in-process workers regardless.
  WORKER_PROCESSES: z.coerce.number({ error: 'WORKER_PROCESSES must be a number (0 = inside the API process)' }).int().min(0).max(16).default(1),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  // A separate worker process's CPU priority (Unix niceness, 0 normal … 19 lowest), so the record API is served
  // first when both want the cores; the worker's jobs wait a little and come in bigger batches (README, Performance).
  WORKER_NICE: z.coerce.number({ error: 'WORKER_NICE must be a whole number from 0 (normal priority) to 19 (lowest)' }).int().min(0).max(19).default(10),
  // A worker process whose heartbeat is older than this is presumed dead; its locked jobs go back to the queue.
  WORKER_SILENT_AFTER_S: z.coerce.number({ error: 'WORKER_SILENT_AFTER_S must be a number of seconds' }).min(2).max(3600).default(60),
  // A fake NHN server started elsewhere (`pnpm --filter @alimflow/alimtalk fake-nhn`), shared by several processes.
  SANDBOX_NHN_URL: z.url('SANDBOX_NHN_URL must be a URL such as http://127.0.0.1:4010').optional(),
  SANDBOX_NHN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SANDBOX_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).default(3000),
  COOKIE_SECURE: bool.optional(),
  // Encrypts the NHN secret keys at rest. Unset: a key file in DATA_DIR (fine for one machine; every process that
  // shares DATABASE_URL needs the same key, so set it there).
  APP_SECRET_KEY: secretKey('APP_SECRET_KEY').optional(),
  // During a rotation: the earlier key(s), comma-separated, still accepted for decrypting.
  APP_SECRET_KEY_PREVIOUS: z
    .string()
    .transform((value, ctx) =>
      value.split(',').map((part) => {
        const key = parseSecretKey(part);
        if (!key) ctx.addIssue({ code: 'custom', message: `APP_SECRET_KEY_PREVIOUS must be comma-separated keys, each ${KEY_HINT}` });
        return key ?? Buffer.alloc(0);
      }),
    )
    .default([]),
  TRUST_PROXY: trustProxySchema,
  RETENTION_DAYS: z.coerce.number({ error: 'RETENTION_DAYS must be a number of days' }).int().min(30, 'RETENTION_DAYS must be at least 30').default(365),
  SEND_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
  WEB_DIST: z.string().default(path.join(repoRoot, 'apps', 'web', 'dist')),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export class ConfigError extends Error {}
