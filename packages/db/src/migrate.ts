// Applies Prisma's migrations (through the CLI, WASM schema engine) and graphile-worker's own schema.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Logger, runMigrations } from 'graphile-worker';
import { dbPackageDir, prismaConfigPath } from './paths.ts';

// From packages/db whichever file this code runs from (bundled, it runs from apps/server/dist, where pnpm's
// strict node_modules has no `prisma`).
const require = createRequire(path.join(dbPackageDir, 'package.json'));

export type PrismaMigrateCommand = 'deploy' | 'dev' | 'status';

export function runPrismaMigrate(
  command: PrismaMigrateCommand,
  url: string,
  extraArgs: string[] = [],
  options: { quiet?: boolean } = {},
): Promise<string> {
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    const preload = path.join(dbPackageDir, 'src', 'cli-unref-timers.mjs');
    const child = spawn(process.execPath, ['--import', preload, cli, 'migrate', command, '--config', prismaConfigPath, ...extraArgs], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma migrate ${command} exited with code ${code}\n${output}`));
    });
  });
}

/** Brings a database fully up to date: the app's tables, then graphile-worker's schema. */
export async function migrateDatabase(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  await runPrismaMigrate('deploy', url, [], options);
  await runMigrations({ connectionString: url, logger: silentLogger() });
}

// graphile-worker logs each of its migrations at info; a start-up should not print them.
const silentLogger = () => new Logger(() => () => {});
