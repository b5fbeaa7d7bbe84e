import { formatPhone } from '@alimflow/automation-core';
import { stringify } from 'csv-stringify/sync';
import type { OrgContext } from '../../trpc.ts';
import { kstTimestamp } from '../lib/dates.ts';
import { afterCursor, encodeCursor, keysetOrder } from '../lib/pagination.ts';
import { EXPORT_MAX_ROWS, type TExportInputSchema } from './export.schema.ts';
import { sendLogWhere } from './filters.ts';
import { sendLogInclude } from './shared.ts';

const BATCH = 5_000;

const COLUMNS = [
  { key: 'createdAt', header: '생성 시각 (KST)' },
  { key: 'sentAt', header: '발송 시각 (KST)' },
  { key: 'deliveredAt', header: '전달 시각 (KST)' },
  { key: 'triggerType', header: '트리거' },
  { key: 'status', header: '상태' },
  { key: 'reason', header: '사유' },
  { key: 'recipient', header: '수신 번호' },
  { key: 'templateCode', header: '템플릿 코드' },
  { key: 'linkName', header: '연결 이름' },
  { key: 'recordId', header: '레코드 ID' },
  { key: 'resultCode', header: '결과 코드' },
  { key: 'resultMessage', header: '결과 메시지' },
  { key: 'deliveryStatus', header: '전달 상태' },
  { key: 'deliveryCode', header: '전달 코드' },
  { key: 'content', header: '내용' },
  { key: 'id', header: '발송 로그 ID' },
];

/**
 * Spreadsheet apps run a cell that starts with = + - @ as a formula; a leading apostrophe keeps it text. Plain
 * numbers (NHN's "-3005") are left alone: they cannot run anything.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

export async function exportHandler({ ctx, input }: { ctx: OrgContext; input: TExportInputSchema }) {
  const where = await sendLogWhere(ctx, input);
  const records: Record<string, string>[] = [];
  let cursor: string | null = null;
  let truncated = false;
  while (records.length < EXPORT_MAX_ROWS) {
    const take = Math.min(BATCH, EXPORT_MAX_ROWS - records.length);
    const rows = await ctx.db.alimtalkSendLog.findMany({
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
        triggerType: r.triggerType,
        status: r.status,
        reason: r.reason ?? '',
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
    columns: COLUMNS,
    record_delimiter: 'windows',
    cast: { string: neutraliseFormula },
  });
  const stamp = kstTimestamp(ctx.now()).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
  return {
    filename: `alimtalk-send-logs-${stamp}.csv`,
    csv,
    rowCount: records.length,
    truncated,
    maxRows: EXPORT_MAX_ROWS,
    ...(truncated ? { note: `Only the newest ${EXPORT_MAX_ROWS.toLocaleString('en-US')} matching logs are in the file; narrow the filters or the date range for the rest.` } : {}),
  };
}
