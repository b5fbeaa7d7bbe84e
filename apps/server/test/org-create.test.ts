// `pnpm org:create` as an operator runs it (the real CLI, in its own process, on a test database): the new org
// starts with this and next year's Korean public holidays, as the demo seed's org and the settings page's preload do.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seedDemo } from '@alimflow/api';
import { createPrismaClient, type Db } from '@alimflow/db';
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** This and next year in KST, as the preload counts them. */
function years() {
  const year = new Date(Date.now() + 9 * 3_600_000).getUTCFullYear();
  return [year, year + 1];
}

async function holidaysOf(orgId: string) {
  const rows = await db.orgHoliday.findMany({ where: { orgId }, orderBy: { date: 'asc' } });
  return new Map(rows.map((r) => [r.date, r.name]));
}

/** Fixed-date public holidays every year has (신정, 삼일절, 광복절, 기독탄신일). */
const FIXED = ['01-01', '03-01', '08-15', '12-25'];

describe('a new org has the public holidays on its list', () => {
  let seeded: Map<string, string>;

  it('the demo seed preloads this and next year', async () => {
    const { orgId } = await seedDemo(db, { adminEmail: 'seed-holidays@example.com', adminPassword: 'correct horse battery', sampleData: false });
    seeded = await holidaysOf(orgId);
    for (const year of years()) for (const day of FIXED) expect(seeded.has(`${year}-${day}`)).toBe(true);
    expect([...seeded.keys()].every((d) => years().includes(Number(d.slice(0, 4))))).toBe(true);
  });

  it('pnpm org:create preloads the same list', { timeout: 180_000 }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/org-create.ts', '--name', '영업 2팀', '--admin-email', 'second@example.com'],
      { cwd: serverDir, env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' }, timeout: 170_000 },
    );
    expect(stdout).toMatch(/Created org "영업 2팀"/);
    const org = await db.org.findFirstOrThrow({ where: { name: '영업 2팀' }, include: { alimtalkSettings: true } });
    expect(org.alimtalkSettings?.holidaysPreloadedAt).not.toBeNull();
    // Marked as preloaded, so the settings page's first visit does not fill it again over an admin's removals.
    expect(await holidaysOf(org.id)).toEqual(seeded);
  });
});
