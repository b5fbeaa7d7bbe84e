// Everything a request or a job needs from the outside world, built once per process by apps/server.
import type { AlimtalkProvider } from '@alimflow/alimtalk';
import type { Db } from '@alimflow/db';
import type { Logger } from 'pino';
import type { LoginLimiter } from './auth/rate-limit.ts';
import type { SecretBox } from './security/secret-box.ts';
import type { OpsSnapshot } from './ops/snapshot.ts';

export interface AppDeps {
  db: Db;
  logger: Logger;
  loginLimiter: LoginLimiter;
  /** Encrypts the NHN secret key at rest (APP_SECRET_KEY or the key file in DATA_DIR). */
  secretBox: SecretBox;
  /** Returns the provider an org sends through (its NHN account, or the sandbox fake). */
  /**
   * `known.version`: the org's settings version (providerSettingsVersion) as the caller just read it in its own
   * statement; a client cached at that version is handed out without reading the settings again.
   */
  providerForOrg(orgId: string, known?: { version: string }): Promise<{ provider: AlimtalkProvider; mode: 'nhn' | 'sandbox'; senderKey: string }>;
  /** Session cookie's Secure flag; undefined = Secure when the request came over HTTPS. */
  cookieSecure: boolean | undefined;
  /** First back-off after a transient NHN failure; each further attempt waits 3× longer (capped at 10 min). */
  sendRetryBaseMs: number;
  /** RETENTION_DAYS: send logs, events and finished repeats older than this are deleted daily (default 365). */
  retentionDays?: number;
  now(): Date;
  /** The install's operating figures behind a short cache (ops/snapshot.ts); read directly when absent. */
  opsSnapshot?: () => Promise<OpsSnapshot>;
  /** WORKER_SILENT_AFTER_S in ms: a heartbeat older than this is a dead worker (default 60 s). */
  workerSilentAfterMs?: number;
}
