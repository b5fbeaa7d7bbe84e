// Prisma CLI configuration: WASM schema engine through the pg driver adapter, so no command downloads an engine.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The CLI still looks for a query-engine library during `generate`; with the `prisma-client` generator and
// engineType "client" it never loads it, so any existing file satisfies the check.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve(import.meta.dirname, 'package.json');
process.env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
// No telemetry or update checks: the machines reach no host but the package registries.
process.env.CHECKPOINT_DISABLE ??= '1';
// `generate` does not connect, but schema.prisma's env("DATABASE_URL") must resolve.
process.env.DATABASE_URL ??= 'postgresql://localhost:5432/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.resolve(import.meta.dirname, '../../prisma/schema.prisma'),
  migrations: { path: path.resolve(import.meta.dirname, '../../prisma/migrations') },
  adapter: async () => {
    const { createCliAdapter } = await import('./src/cli-adapter.ts');
    return createCliAdapter(process.env.DATABASE_URL!);
  },
});
