// NHN's wire records → the vendor-neutral types callers see.
import { templateVariables } from '../template-vars.ts';
import type { DeliveryResult, ProviderMessage, ProviderTemplate, TemplateStatus } from '../types.ts';
import type { NhnMessage, NhnTemplate } from './wire.ts';

const TEMPLATE_STATUSES = new Set<string>(['TSC01', 'TSC02', 'TSC03', 'TSC04']);

export function toTemplate(t: NhnTemplate): ProviderTemplate {
  const content = t.templateContent ?? '';
  const status: TemplateStatus =
    t.status && TEMPLATE_STATUSES.has(t.status) ? (t.status as TemplateStatus) : 'TSC01';
  return {
    templateCode: t.templateCode,
    name: t.templateName ?? t.templateCode,
    content,
    status,
    statusName: t.statusName,
    variables: templateVariables(content),
  };
}

export function toMessage(m: NhnMessage): ProviderMessage {
  return {
    requestId: m.requestId,
    recipientSeq: m.recipientSeq,
    recipientNo: m.recipientNo ?? '',
    recipientGroupingKey: m.recipientGroupingKey,
    senderGroupingKey: m.senderGroupingKey,
    templateCode: m.templateCode,
    messageStatus: m.messageStatus,
    resultCode: m.resultCode,
    ...(m.requestDate ? { requestDate: m.requestDate } : {}),
    resendStatus: m.resendStatus ?? null,
    resendResultCode: m.resendResultCode ?? null,
  };
}

export function toDelivery(m: NhnMessage): DeliveryResult {
  const { requestId, recipientSeq, resultCode, resultCodeName, receiveDate, resendStatus, resendResultCode } = m;
  return {
    requestId,
    recipientSeq,
    messageStatus: m.messageStatus ?? 'UNKNOWN',
    resultCode,
    resultCodeName,
    receiveDate,
    resendStatus,
    resendResultCode,
  };
}

/** One message (one recipient line of one request) in one status. */
export const messageKey = (m: NhnMessage): string =>
  `${m.requestId}/${m.recipientSeq}/${m.messageStatus ?? ''}`;
