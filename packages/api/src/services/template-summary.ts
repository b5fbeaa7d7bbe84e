// How a synced template is shown next to a link or in the template list: its status in words and whether it can send.
import { APPROVED_TEMPLATE_STATUS } from '@alimflow/automation-core';
import type { AlimtalkTemplate } from '@alimflow/db';

/** Only approved templates (TSC03) can be sent; NHN refuses the others with -3005. */
export const SENDABLE_STATUS = APPROVED_TEMPLATE_STATUS;

export const TEMPLATE_STATUS_TEXT = {
  TSC01: 'requested',
  TSC02: 'under review',
  TSC03: 'approved',
  TSC04: 'rejected',
} as const;

export const TEMPLATE_STATUS_KO: Record<keyof typeof TEMPLATE_STATUS_TEXT, string> = {
  TSC01: '요청',
  TSC02: '검수 중',
  TSC03: '승인',
  TSC04: '반려',
};

export function templateSummary(t: Pick<AlimtalkTemplate, 'id' | 'templateCode' | 'name' | 'status' | 'variables'>) {
  return {
    id: t.id,
    templateCode: t.templateCode,
    name: t.name,
    status: t.status,
    statusText: TEMPLATE_STATUS_TEXT[t.status],
    sendable: t.status === SENDABLE_STATUS,
    variables: t.variables,
  };
}
