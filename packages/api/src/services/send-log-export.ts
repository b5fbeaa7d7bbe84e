// The send log as a CSV file people open in Excel: newest first, at most EXPORT_MAX_ROWS rows, in the words of the
// caller's screen (the SPA sends its labels) with the codes beside them for machines.
import {
  describeFallbackResult,
  formatPhone,
  SEND_LOG_EXPORT_COLUMNS,
  type SendLogExportColumn,
  type SendStatus,
  type SendTriggerType,
} from '@alimflow/automation-core';
import { stringify } from 'csv-stringify/sync';
import { kstTimestamp } from '../lib/dates.ts';
import { afterCursor, encodeCursor, keysetOrder } from '../lib/pagination.ts';
import type { Scope } from './link-store.ts';
import { sendLogInclude, sendLogWhere, type SendLogFilters } from './send-logs.ts';

/** Rows per file: about 15 MB of CSV, which Excel opens comfortably. Narrow the filters for more. */
export const EXPORT_MAX_ROWS = 50_000;
const BATCH = 5_000;

/** The words of the person's screen; without them the header is Korean and the word columns repeat the codes. */
export interface ExportLabels {
  headers: Record<SendLogExportColumn, string>;
  triggerType: Record<SendTriggerType, string>;
  status: Record<SendStatus, string>;
  reason: Partial<Record<string, string>>;
  fallback?: { sent: string; failed: string } | undefined;
}

/** The header row when the caller sent no labels. */
const KOREAN_HEADERS: Record<SendLogExportColumn, string> = {
  createdAt: '생성 시각 (KST)',
  sentAt: '발송 시각 (KST)',
  deliveredAt: '전달 시각 (KST)',
  triggerType: '트리거',
  triggerCode: '트리거 코드',
  status: '상태',
  statusCode: '상태 코드',
  reason: '사유',
  reasonCode: '사유 코드',
  recipient: '수신 번호',
  templateCode: '템플릿 코드',
  linkName: '규칙 이름',
  recordId: '레코드 ID',
  resultCode: '결과 코드',
  resultMessage: '결과 메시지',
  deliveryStatus: '전달 상태',
  deliveryCode: '전달 코드',
  content: '내용',
  id: '발송 로그 ID',
  fallback: '대체 발송',
};

/** "문자로 대체 발송됨 (SMS)" — in the caller's words when given; empty when no fallback happened. */
function fallbackCell(labels: ExportLabels['fallback'], r: { fallbackType: string | null; fallbackStatus: string | null; fallbackResultCode: string | null }): string {
  if (r.fallbackStatus !== 'sent' && r.fallbackStatus !== 'failed') return '';
  const word = labels?.[r.fallbackStatus] ?? describeFallbackResult(r.fallbackStatus, 'ko')!;
  const detail = [r.fallbackType, r.fallbackStatus === 'failed' ? r.fallbackResultCode : null].filter(Boolean).join(', ');
  return detail ? `${word} (${detail})` : word;
}

/** A code in the caller's words; an unknown code (an old row) or no labels leave the code as it is. */
function wordFor(labels: Partial<Record<string, string>> | undefined, code: string): string {
  return (labels && Object.hasOwn(labels, code) ? labels[code] : undefined) ?? code;
}

/**
 * Spreadsheet apps run a cell that starts with = + - @ as a formula; a leading apostrophe keeps it text. Plain
 * numbers (NHN's "-3005") are left alone: they cannot run anything.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

export async function exportSendLogs(scope: Scope, input: SendLogFilters & { labels?: ExportLabels | undefined }, now: Date) {
  const { labels, ...filters } = input;
  const where = await sendLogWhere(scope, filters);
  const records: Record<SendLogExportColumn, string>[] = [];
  let cursor: string | null = null;
  let truncated = false;
  while (records.length < EXPORT_MAX_ROWS) {
    const take = Math.min(BATCH, EXPORT_MAX_ROWS - records.length);
    const rows = await scope.db.alimtalkSendLog.findMany({
      where: { AND: [where, afterCursor(cursor)] },
      include: sendLogInclude,
      orderBy: keysetOrder,
      take: take + 1,
    });
    for (const r of rows.slice(0, take)) {
      records.push({
        createdAt: kstTimestamp(r.createdAt),
        sentAt: kstTimestamp(r.sentAt),
        deliveredAt: kstTimestamp(r.deliveredAt),
        triggerType: wordFor(labels?.triggerType, r.triggerType),
        triggerCode: r.triggerType,
        status: wordFor(labels?.status, r.status),
        statusCode: r.status,
        reason: r.reason ? wordFor(labels?.reason, r.reason) : '',
        reasonCode: r.reason ?? '',
        // Dashed, so spreadsheets keep the leading 0 instead of reading a number.
        recipient: formatPhone(r.recipientNo),
        templateCode: r.templateCode,
        linkName: r.link?.name ?? '',
        recordId: r.recordId ?? '',
        resultCode: r.resultCode ?? '',
        resultMessage: r.resultMessage ?? '',
        deliveryStatus: r.deliveryStatus ?? '',
        deliveryCode: r.deliveryCode ?? '',
        content: r.content,
        id: r.id,
        fallback: fallbackCell(labels?.fallback, r),
      });
    }
    if (rows.length <= take) break;
    if (records.length >= EXPORT_MAX_ROWS) {
      truncated = true;
      break;
    }
    cursor = encodeCursor(rows[take - 1]!);
  }

  // BOM: without it Excel reads UTF-8 as the local code page and Korean turns into mojibake.
  const csv = stringify(records, {
    bom: true,
    header: true,
    columns: SEND_LOG_EXPORT_COLUMNS.map((key) => ({ key, header: (labels?.headers ?? KOREAN_HEADERS)[key] })),
    record_delimiter: 'windows',
    cast: { string: neutraliseFormula },
  });
  const stamp = kstTimestamp(now).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
  return {
    filename: `alimtalk-send-logs-${stamp}.csv`,
    csv,
    rowCount: records.length,
    truncated,
    maxRows: EXPORT_MAX_ROWS,
    ...(truncated ? { note: `Only the newest ${EXPORT_MAX_ROWS.toLocaleString('en-US')} matching logs are in the file; narrow the filters or the date range for the rest.` } : {}),
  };
}
