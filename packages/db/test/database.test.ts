import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relabelUnsupportedOid } from '../src/cli-adapter.ts';
import { createPrismaClient } from '../src/client.ts';
import { startEmbeddedPostgres } from '../src/embedded-postgres.ts';
import { runPrismaMigrate } from '../src/migrate.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../src/testing/index.ts';

describe('relabelUnsupportedOid', () => {
  it('turns the catalog types the 6.19 adapter refuses into text', () => {
    expect(relabelUnsupportedOid(19)).toBe(25); // name
    expect(relabelUnsupportedOid(18)).toBe(25); // "char"
    expect(relabelUnsupportedOid(28)).toBe(25); // xid
  });
  it('leaves types the adapter decodes and user-defined types alone', () => {
    for (const oid of [16, 23, 25, 1184, 3802, 2950, 1009]) expect(relabelUnsupportedOid(oid)).toBe(oid);
    expect(relabelUnsupportedOid(20000)).toBe(20000);
  });
});

describe('migrated test database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('has the app tables and graphile-worker schema', async () => {
    const tables = await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ table_schema: string; table_name: string }>(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('public', 'graphile_worker')`,
      );
      return rows.map((r) => `${r.table_schema}.${r.table_name}`);
    });
    expect(tables).toEqual(
      expect.arrayContaining(['public.Record', 'public.AlimtalkSendLog', 'public.AlimtalkAutomationQueue', 'graphile_worker._private_jobs']),
    );
  });

  it('reports no drift through the offline CLI (migrate status)', async () => {
    const out = await runPrismaMigrate('status', db.url, [], { quiet: true });
    expect(out).toContain('Database schema is up to date');
  });

  it('round-trips jsonb records through the Prisma client', async () => {
    const prisma = createPrismaClient(db.url);
    try {
      const org = await prisma.org.create({ data: { name: '테스트' } });
      const partition = await prisma.partition.create({ data: { orgId: org.id, name: '리드' } });
      const rec = await prisma.record.create({
        data: { orgId: org.id, partitionId: partition.id, data: { 이름: '홍길동', 점수: 10 } },
      });
      const again = await prisma.record.findUniqueOrThrow({ where: { id: rec.id } });
      expect(again.data).toEqual({ 이름: '홍길동', 점수: 10 });
    } finally {
      await prisma.$disconnect();
    }
  });

  it('refuses a second send log with the same dedupe key', async () => {
    const prisma = createPrismaClient(db.url);
    try {
      const org = await prisma.org.create({ data: { name: 'dedupe' } });
      const base = { orgId: org.id, templateCode: 'T', recipientNo: '01012345678', content: 'x', triggerType: 'auto' as const };
      await prisma.alimtalkSendLog.create({ data: { ...base, dedupeKey: 'k1' } });
      await expect(prisma.alimtalkSendLog.create({ data: { ...base, dedupeKey: 'k1' } })).rejects.toMatchObject({ code: 'P2002' });
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('embedded postgres', () => {
  it('keeps its data across a stop and a restart on the same directory', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alimflow-embedded-'));
    await fs.chmod(dir, 0o777);
    const dataDir = path.join(dir, 'pg');
    try {
      const first = await startEmbeddedPostgres({ dataDir });
      await withClient(first.url, (c) => c.query('CREATE TABLE kept (v text)'));
      await withClient(first.url, (c) => c.query('INSERT INTO kept VALUES ($1)', ['still here']));
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir });
      const { rows } = await withClient(second.url, (c) => c.query<{ v: string }>('SELECT v FROM kept'));
      expect(rows).toEqual([{ v: 'still here' }]);
      await second.stop();
      // A clean stop leaves no server behind on that port.
      await expect(withClient(second.url, (c) => c.query('SELECT 1'))).rejects.toThrow();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});


