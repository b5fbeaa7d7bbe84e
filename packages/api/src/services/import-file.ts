// Reading a lead file as Excel exports it: CSV in UTF-8 (with or without BOM) or CP949/EUC-KR, or XLSX. The
// libraries parse (papaparse, exceljs) and decode (iconv-lite); this module only picks which to use.
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { words, type Words } from '../errors.ts';

export const MAX_IMPORT_ROWS = 50_000;

export interface ParsedFile {
  encoding: 'utf-8' | 'utf-8-bom' | 'cp949' | 'xlsx';
  headers: string[];
  rows: string[][];
}

/** A file that cannot be imported, and why, in both languages the API answers in. */
export class ImportFileError extends Error {
  constructor(readonly words: Words) {
    super(words.en);
  }
}

/** UTF-8 if the bytes are valid UTF-8 (a BOM says so outright), else CP949 — what Korean Excel writes for "CSV". */
export function decodeText(bytes: Uint8Array): { text: string; encoding: ParsedFile['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp949'), encoding: 'cp949' };
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    return '';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function split(table: string[][], encoding: ParsedFile['encoding']): ParsedFile {
  const nonEmpty = table.filter((r) => r.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new ImportFileError(words('파일에 행이 없습니다.', 'The file has no rows.'));
  if (rows.length === 0) throw new ImportFileError(words('파일에 머리글 행만 있고 데이터 행이 없습니다.', 'The file has a header row but no data rows.'));
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(
      words(
        `파일에 ${rows.length.toLocaleString('ko')}행이 있습니다. 한 번에 ${MAX_IMPORT_ROWS.toLocaleString('ko')}행까지 가져올 수 있습니다.`,
        `The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} per import.`,
      ),
    );
  const headers = header.map((h, i) => h.trim() || `column ${i + 1}`);
  return { encoding, headers, rows: rows.map((r) => headers.map((_, i) => (r[i] ?? '').trim())) };
}

export function parseCsv(bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeText(bytes);
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new ImportFileError(
      words(
        `CSV의 ${(fatal.row ?? 0) + 1}행 근처를 읽지 못했습니다: ${fatal.message}.`,
        `The CSV could not be read near row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`,
      ),
    );
  return split(result.data, encoding);
}

export async function parseXlsx(bytes: Uint8Array): Promise<ParsedFile> {
  // Loaded on the first workbook: exceljs and its dependencies are ~15 MiB of heap in every API and worker process
  // otherwise (issue 10, RSS), for a screen used now and then.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(words('읽을 수 있는 .xlsx 통합 문서가 아닙니다.', 'The file is not a readable .xlsx workbook.'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError(words('통합 문서에 시트가 없습니다.', 'The workbook has no sheets.'));
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    // exceljs rows are 1-based: values[0] is always empty.
    table.push(values.slice(1).map(cellText));
  });
  return split(table, 'xlsx');
}

export function parseImportFile(filename: string, bytes: Uint8Array): Promise<ParsedFile> | ParsedFile {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(filename) || isZip) return parseXlsx(bytes);
  if (/\.xls$/i.test(filename)) throw new ImportFileError(words('예전 .xls 파일은 지원하지 않습니다. Excel에서 .xlsx나 CSV로 저장하세요.', 'Old .xls files are not supported; save as .xlsx or CSV in Excel.'));
  return parseCsv(bytes);
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()]/g, '');
const PHONE_WORDS = ['전화', '휴대폰', '핸드폰', '연락처', 'phone', 'mobile', 'tel'];

/** Column for each field, from the header names: exact label or key first, then a containing match. */
export function guessMapping(fields: readonly { key: string; label: string; type: string }[], headers: readonly string[]): Record<string, number> {
  const used = new Set<number>();
  const mapping: Record<string, number> = {};
  const headerNorm = headers.map(norm);
  const pick = (key: string, test: (h: string) => boolean) => {
    const index = headerNorm.findIndex((h, i) => !used.has(i) && test(h));
    if (index >= 0) {
      mapping[key] = index;
      used.add(index);
    }
  };
  for (const f of fields) pick(f.key, (h) => h === norm(f.label) || h === norm(f.key));
  for (const f of fields) {
    if (mapping[f.key] !== undefined) continue;
    pick(f.key, (h) => h.includes(norm(f.label)) || (norm(f.label).length >= 2 && norm(f.label).includes(h) && h.length >= 2));
    if (mapping[f.key] === undefined && f.type === 'phone') pick(f.key, (h) => PHONE_WORDS.some((w) => h.includes(w)));
  }
  return mapping;
}
