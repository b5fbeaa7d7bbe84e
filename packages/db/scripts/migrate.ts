// `pnpm db:migrate` / `db:migrate:dev` / `migrate:status`: Prisma's migrate commands against DATABASE_URL, or
// against the embedded server (started for the duration of the command) when DATABASE_URL is unset.
import { Logger, runMigrations } from 'graphile-worker';
import { runPrismaMigrate, type PrismaMigrateCommand } from '../src/migrate.ts';
import { startDatabase } from '../src/start-database.ts';

const command = (process.argv[2] ?? 'deploy') as PrismaMigrateCommand;
if (!['deploy', 'dev', 'status'].includes(command)) {
  console.error(`usage: migrate.ts deploy|dev|status [prisma args…]; got "${command}"`);
  process.exit(2);
}
const db = await startDatabase({ databaseUrl: process.env.DATABASE_URL });
let code = 0;
try {
  await runPrismaMigrate(command, db.url, process.argv.slice(3));
  if (command !== 'status') await runMigrations({ connectionString: db.url, logger: new Logger(() => () => {}) });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
