// Prisma runs the relation queries of an `include` concurrently; in an interactive transaction they share one pg
// client, which pg ≥ 8.19 answers with a DeprecationWarning per overlap (an error in pg@9). The app's clients queue
// them (SerialClient). Its own file: Node prints a deprecation once per process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/client.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('queries of one transaction', () => {
  it('an include of several relations inside a transaction answers in full without a pg deprecation warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.message);
    process.on('warning', onWarning);
    const prisma = createPrismaClient(db.url);
    try {
      const org = await prisma.org.create({ data: { name: '직렬' } });
      const partition = await prisma.partition.create({ data: { orgId: org.id, name: '리드' } });
      await prisma.record.createMany({ data: Array.from({ length: 3 }, (_, i) => ({ orgId: org.id, partitionId: partition.id, data: { i } })) });
      // Three relations: their queries start together (as the links screen's linkInclude does in link-admin.ts).
      const orgs = await prisma.$transaction((tx) =>
        tx.org.findMany({ where: { id: org.id }, include: { partitions: true, records: true, templates: true, holidays: true } }),
      );
      expect(orgs).toHaveLength(1);
      expect(orgs[0]).toMatchObject({ partitions: [{ name: '리드' }], templates: [], holidays: [] });
      expect(orgs[0]!.records).toHaveLength(3);
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await prisma.$disconnect();
    }
  });
});
