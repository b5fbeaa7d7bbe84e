// Lead imports: upload → map columns → preview with per-cell errors → a worker job that writes the rows in
// chunks. Each chunk's records and the import's progress commit together, so a retried or restarted job goes on
// from the last committed chunk and never writes a row twice.
import { randomUUID } from 'node:crypto';
import { normalizePhone, partitionFields, subjectParticle, type FieldDefinition, type RecordData } from '@alimflow/automation-core';
import type { Db, Prisma } from '@alimflow/db';
import Papa from 'papaparse';
import type { AppDeps } from '../deps.ts';
import { iso } from '../lib/dates.ts';
import { conflict, invalid as badRequest, notFound, NOUN, words } from '../errors.ts';
import { guessMapping, ImportFileError, parseImportFile } from './import-file.ts';
import { addJob, TASKS } from './jobs.ts';
import { assertPartitionWritable, loadWritablePartition } from './partition-lookup.ts';
import { applyRecordPatch, describeProblems, type DataProblem } from './record-data.ts';
import type { Language } from '../security/language.ts';
import { enqueueEvaluation } from './records.ts';

export const DUPLICATE_POLICIES = ['update', 'skip', 'add'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];
const CHUNK = 500;
const PREVIEW_ROWS = 20;

type Mapping = Record<string, number>;
interface Rejected {
  row: number;
  /** In English; `reasonKo` the same in Korean (rows rejected before it was stored have only `reason`). */
  reason: string;
  reasonKo?: string;
  values: string[];
}

async function loadImport(db: Db, orgId: string, id: string) {
  const row = await db.recordImport.findFirst({ where: { id, orgId }, include: { partition: true } });
  if (!row) throw notFound(NOUN.import);
  return row;
}

const storedRows = (json: Prisma.JsonValue) => json as string[][];
const storedMapping = (json: Prisma.JsonValue | null): Mapping => (json && typeof json === 'object' && !Array.isArray(json) ? (json as Mapping) : {});

function checkMapping(mapping: Mapping, fields: readonly FieldDefinition[], columns: number): void {
  for (const [key, index] of Object.entries(mapping)) {
    if (!fields.some((f) => f.key === key)) throw badRequest(words(`"${key}"${subjectParticle(key)} 이 파티션의 필드가 아닙니다.`, `Field "${key}" is not a field of this partition.`));
    if (!Number.isInteger(index) || index < 0 || index >= columns) throw badRequest(words(`"${key}" 필드에 연결한 ${index + 1}번째 열이 파일에 없습니다.`, `Field "${key}" is mapped to column ${index + 1}, which the file does not have.`));
  }
  if (Object.keys(mapping).length === 0) throw badRequest(words('열을 하나 이상 필드에 연결하세요.', 'Map at least one column to a field.'));
}

/** One file row → record data through the same checks as records.create, or its problems per field. */
export function rowToData(fields: readonly FieldDefinition[], mapping: Mapping, row: readonly string[]): { ok: true; data: RecordData } | { ok: false; problems: DataProblem[] } {
  const patch: Record<string, unknown> = {};
  for (const [key, index] of Object.entries(mapping)) {
    const value = row[index] ?? '';
    if (value !== '') patch[key] = value;
  }
  if (Object.keys(patch).length === 0) return { ok: false, problems: [{ field: '', message: words('연결한 열에 값이 없는 행입니다', 'the row has no values in the mapped columns') }] };
  return applyRecordPatch(fields, {}, patch);
}

/** The phone field duplicates are matched on: the partition's phone field if mapped, else the first mapped phone field. */
function dedupeField(fields: readonly FieldDefinition[], mapping: Mapping, phoneField: string | null): string | null {
  if (phoneField && mapping[phoneField] !== undefined) return phoneField;
  return fields.find((f) => f.type === 'phone' && mapping[f.key] !== undefined)?.key ?? null;
}

function toOutput(row: Awaited<ReturnType<typeof loadImport>> | (Omit<Awaited<ReturnType<typeof loadImport>>, 'partition'> & { partition?: unknown })) {
  return {
    id: row.id,
    partitionId: row.partitionId,
    filename: row.filename,
    encoding: row.encoding,
    headers: row.headers as string[],
    mapping: storedMapping(row.mapping),
    duplicatePolicy: row.duplicatePolicy as DuplicatePolicy,
    runOnCreate: row.runOnCreate,
    status: row.status as 'draft' | 'queued' | 'running' | 'done' | 'failed',
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    rejectedCount: (row.rejected as unknown[]).length,
    error: row.error,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export async function uploadImport(deps: Pick<AppDeps, 'db'>, input: { orgId: string; userId: string; partitionId: string; filename: string; content: Uint8Array }) {
  const partition = await loadWritablePartition(deps.db, input.orgId, input.partitionId);
  const parsed = await (async () => parseImportFile(input.filename, input.content))().catch((error: unknown) => {
    if (error instanceof ImportFileError) throw badRequest(error.words);
    throw badRequest(words('파일을 CSV나 XLSX로 읽지 못했습니다.', 'The file could not be read as CSV or XLSX.'));
  });
  const fields = partition.fieldDefs;
  const row = await deps.db.recordImport.create({
    data: {
      orgId: input.orgId,
      partitionId: partition.id,
      filename: input.filename,
      encoding: parsed.encoding,
      headers: parsed.headers,
      rows: parsed.rows,
      mapping: guessMapping(fields, parsed.headers),
      total: parsed.rows.length,
      createdById: input.userId,
    },
  });
  return toOutput(row);
}

export async function getImport(db: Db, orgId: string, id: string) {
  return toOutput(await loadImport(db, orgId, id));
}

export async function listImports(db: Db, orgId: string, partitionId?: string) {
  const rows = await db.recordImport.findMany({
    where: { orgId, ...(partitionId ? { partitionId } : {}) },
    omit: { rows: true },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
  return rows.map((r) => toOutput({ ...r, rows: [] }));
}

/** The first rows with each cell's problem, and how many rows of the whole file would be rejected. */
export async function previewImport(db: Db, orgId: string, id: string, mapping: Mapping, language: Language) {
  const row = await loadImport(db, orgId, id);
  const fields = partitionFields(row.partition.fields);
  const headers = row.headers as string[];
  checkMapping(mapping, fields, headers.length);
  const rows = storedRows(row.rows);
  let invalid = 0;
  const preview: { row: number; cells: { field: string; value: string; error: string | null }[]; error: string | null }[] = [];
  rows.forEach((r, i) => {
    const result = rowToData(fields, mapping, r);
    if (!result.ok) invalid++;
    if (i >= PREVIEW_ROWS) return;
    const problems = result.ok ? [] : result.problems;
    preview.push({
      row: i + 2,
      cells: Object.entries(mapping).map(([key, index]) => ({
        field: key,
        value: r[index] ?? '',
        error: problems.find((p) => p.field === key)?.message[language] ?? null,
      })),
      error: problems.find((p) => p.field === '')?.message[language] ?? null,
    });
  });
  return { total: rows.length, valid: rows.length - invalid, invalid, rows: preview };
}

export async function startImport(db: Db, orgId: string, input: { id: string; mapping: Mapping; duplicatePolicy: DuplicatePolicy; runOnCreate: boolean }) {
  const row = await loadImport(db, orgId, input.id);
  assertPartitionWritable(row.partition);
  checkMapping(input.mapping, partitionFields(row.partition.fields), (row.headers as string[]).length);
  return db.$transaction(async (tx) => {
    const started = await tx.recordImport.updateMany({
      where: { id: row.id, status: 'draft' },
      data: { mapping: input.mapping, duplicatePolicy: input.duplicatePolicy, runOnCreate: input.runOnCreate, status: 'queued' },
    });
    if (started.count === 0) throw conflict(words('이미 시작된 가져오기입니다.', 'This import has already been started.'));
    await addJob(tx, TASKS.importRecords, { importId: row.id }, { jobKey: `import:${row.id}`, maxAttempts: 5 });
    return toOutput(await tx.recordImport.findUniqueOrThrow({ where: { id: row.id } }));
  });
}

const phoneOf = (value: unknown) => {
  const p = normalizePhone(value);
  return p.ok ? p.value : typeof value === 'string' && value ? value : null;
};

/** The worker job: chunk after chunk from where the last committed one ended. */
export async function runImport(deps: Pick<AppDeps, 'db' | 'now' | 'logger'>, importId: string) {
  const { db } = deps;
  const job = await db.recordImport.findUnique({ where: { id: importId }, include: { partition: true } });
  if (!job || job.status === 'done' || job.status === 'draft') return;
  const fields = partitionFields(job.partition.fields);
  const mapping = storedMapping(job.mapping);
  const rows = storedRows(job.rows);
  const policy = job.duplicatePolicy as DuplicatePolicy;
  const phoneKey = policy === 'add' ? null : dedupeField(fields, mapping, job.partition.phoneField);
  await db.recordImport.update({ where: { id: job.id }, data: { status: 'running' } });

  // Existing records by phone, once; rows created by this import join the map as they are written.
  const byPhone = new Map<string, { id: string; data: RecordData }>();
  if (phoneKey) {
    const existing = await db.$queryRaw<{ id: string; data: RecordData }[]>`
      SELECT id, data FROM "Record" WHERE "partitionId" = ${job.partitionId}::uuid AND data ? ${phoneKey}`;
    for (const r of existing) {
      const p = phoneOf(r.data[phoneKey]);
      if (p && !byPhone.has(p)) byPhone.set(p, r);
    }
  }

  for (let start = job.processed; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const now = deps.now();
    const rejected: Rejected[] = [];
    const creates: RecordData[] = [];
    const updates = new Map<string, RecordData>();
    const pendingByPhone = new Map<string, RecordData>();
    let skipped = 0;
    chunk.forEach((r, i) => {
      const result = rowToData(fields, mapping, r);
      if (!result.ok) {
        rejected.push({ row: start + i + 2, reason: describeProblems(result.problems, 'en'), reasonKo: describeProblems(result.problems, 'ko'), values: r });
        return;
      }
      const phone = phoneKey ? phoneOf(result.data[phoneKey]) : null;
      const match = phone ? (byPhone.get(phone) ?? null) : null;
      const pending = phone ? pendingByPhone.get(phone) : undefined;
      if (match || pending) {
        if (policy === 'skip') {
          skipped++;
        } else if (pending) {
          Object.assign(pending, result.data);
        } else if (match) {
          const merged = { ...(updates.get(match.id) ?? match.data), ...result.data };
          updates.set(match.id, merged);
        }
        return;
      }
      creates.push(result.data);
      if (phone) pendingByPhone.set(phone, result.data);
    });

    await db.$transaction(
      async (tx) => {
        const created = creates.length
          ? await tx.record.createManyAndReturn({
              data: creates.map((data) => ({ orgId: job.orgId, partitionId: job.partitionId, data: data as Prisma.InputJsonObject, createdAt: now, updatedAt: now })),
              select: { id: true, data: true },
            })
          : [];
        for (const [id, data] of updates) await tx.record.update({ where: { id }, data: { data: data as Prisma.InputJsonObject, updatedAt: now } });
        if (job.runOnCreate) {
          for (const r of created) {
            await enqueueEvaluation(tx, {
              eventId: randomUUID(),
              orgId: job.orgId,
              recordId: r.id,
              partitionId: job.partitionId,
              event: 'create',
              before: null,
              after: r.data as RecordData,
              at: now.toISOString(),
            });
          }
        }
        const current = await tx.recordImport.findUniqueOrThrow({ where: { id: job.id }, select: { rejected: true } });
        await tx.recordImport.update({
          where: { id: job.id },
          data: {
            processed: start + chunk.length,
            created: { increment: created.length },
            updated: { increment: updates.size },
            skipped: { increment: skipped },
            rejected: [...(current.rejected as unknown as Rejected[]), ...rejected] as unknown as Prisma.InputJsonArray,
          },
        });
        for (const r of created) {
          const p = phoneKey ? phoneOf((r.data as RecordData)[phoneKey]) : null;
          if (p) byPhone.set(p, { id: r.id, data: r.data as RecordData });
        }
        for (const [id, data] of updates) {
          const p = phoneKey ? phoneOf(data[phoneKey]) : null;
          if (p) byPhone.set(p, { id, data });
        }
      },
      { timeout: 60_000 },
    );
  }
  await db.recordImport.update({ where: { id: job.id }, data: { status: 'done' } });
  deps.logger.info({ importId: job.id, orgId: job.orgId, rows: rows.length }, 'import finished');
}

export async function markImportFailed(db: Db, importId: string, message: string) {
  await db.recordImport.updateMany({ where: { id: importId, status: { not: 'done' } }, data: { status: 'failed', error: message } });
}

/** The rejected rows as CSV (UTF-8 with BOM, so Excel opens Korean text correctly): row number, reason, values. */
export async function rejectedCsv(db: Db, orgId: string, id: string, language: Language) {
  const row = await loadImport(db, orgId, id);
  const headers = row.headers as string[];
  const csv = Papa.unparse({ fields: ['row', 'reason', ...headers], data: (row.rejected as unknown as Rejected[]).map((r) => [String(r.row), (language === 'ko' ? r.reasonKo : undefined) ?? r.reason, ...r.values]) });
  return { filename: `${row.filename.replace(/\.[^.]+$/, '')}-rejected.csv`, csv: `\uFEFF${csv}\r\n`, count: (row.rejected as unknown[]).length };
}
