import fs from 'node:fs';
import path from 'node:path';

// The repository's root is the nearest directory above this module holding pnpm-workspace.yaml: this file runs from
// packages/db/src under tsx and from apps/server/dist when bundled (apps/server/build.mjs), so no fixed `../..`.
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../../..');
  }
}

export const repoRoot = findRepoRoot(import.meta.dirname);
export const defaultDataDir = path.join(repoRoot, '.data', 'pg');
export const dbPackageDir = path.join(repoRoot, 'packages', 'db');
export const prismaConfigPath = path.join(dbPackageDir, 'prisma.config.ts');
