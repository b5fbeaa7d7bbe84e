export { createPrismaClient, type Db, type PrismaOptions } from './client.ts';
export { isStalePlanError, onPool, queryRows, withPoolTransaction, type RawTx } from './pool-query.ts';
export { startDatabase, type DatabaseHandle } from './start-database.ts';
export { startEmbeddedPostgres, createDatabaseIfMissing, type EmbeddedDatabase } from './embedded-postgres.ts';
export { migrateDatabase, runPrismaMigrate } from './migrate.ts';
export { findFreePort } from './free-port.ts';
export { EmbeddedPostgresAccessError } from './root-access.ts';
export { repoRoot, defaultDataDir } from './paths.ts';
export * from './generated/prisma/client.ts';
