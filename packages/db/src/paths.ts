import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const defaultDataDir = path.join(repoRoot, '.data', 'pg');
export const prismaConfigPath = path.resolve(import.meta.dirname, '../prisma.config.ts');
