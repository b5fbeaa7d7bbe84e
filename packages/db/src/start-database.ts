// One entry for every process that needs Postgres: use DATABASE_URL when given, else the embedded server.
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { defaultDataDir } from './paths.ts';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  port?: number | undefined;
  onLog?: (message: string) => void;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  const db = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? defaultDataDir,
    ...(options.port ? { port: options.port } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return { url: db.url, embedded: true, stop: () => db.stop() };
}
