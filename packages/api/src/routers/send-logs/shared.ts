import { formatPhone } from '@alimflow/automation-core';
import type { AlimtalkSendLog } from '@alimflow/db';
import { iso } from '../lib/dates.ts';

export const sendLogInclude = { link: { select: { name: true, deletedAt: true } } } as const;

type Row = AlimtalkSendLog & { link: { name: string; deletedAt: Date | null } | null };

export function toSendLogOutput(row: Row) {
  return {
    id: row.id,
    linkId: row.linkId,
    linkName: row.link?.name ?? null,
    linkDeleted: row.link ? row.link.deletedAt !== null : row.linkId !== null,
    recordId: row.recordId,
    templateCode: row.templateCode,
    senderKey: row.senderKey,
    recipientNo: row.recipientNo,
    recipientDisplay: formatPhone(row.recipientNo),
    content: row.content,
    templateParameter: row.templateParameter,
    triggerType: row.triggerType,
    /** Set on sends made by enrolling records that already matched (기존 레코드 일괄 발송). */
    enrolmentId: row.enrolmentId,
    status: row.status,
    reason: row.reason,
    resultCode: row.resultCode,
    resultMessage: row.resultMessage,
    deliveryStatus: row.deliveryStatus,
    deliveryCode: row.deliveryCode,
    requestId: row.requestId,
    recipientSeq: row.recipientSeq,
    attempts: row.attempts,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    /** SMS/LMS fallback asked of NHN, and what became of it (null = none happened). */
    fallbackType: row.fallbackType,
    fallbackStatus: row.fallbackStatus === 'sent' || row.fallbackStatus === 'failed' ? row.fallbackStatus : null,
    fallbackResultCode: row.fallbackResultCode,
    /** Held by the send window until then (reason send_window while it waits). */
    notBefore: iso(row.notBefore),
  };
}
