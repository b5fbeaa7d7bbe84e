import { defineConfig } from 'vitest/config';

// Only the real-NHN contract (see test/real-nhn.nhn.ts); `pnpm test` uses the default config and never loads it.
export default defineConfig({ test: { include: ['test/real-nhn.nhn.ts'], testTimeout: 180_000 } });
