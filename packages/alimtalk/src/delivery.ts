// What NHN's message-results say about one message, in our terms. NHN reports a message COMPLETED when Kakao
// answered, whatever the answer: only result code 1000 means it reached the phone; any other COMPLETED code, FAILED
// and CANCEL are final failures; everything else (READY, SENDING…) is not final yet.
import { parseKst } from './kst.ts';
import type { DeliveryResult } from './types.ts';

export const NHN_DELIVERED_CODE = '1000';

export type DeliveryOutcome = 'delivered' | 'failed' | null;

export function deliveryOutcome(result: Pick<DeliveryResult, 'messageStatus' | 'resultCode'>): DeliveryOutcome {
  if (result.messageStatus === 'COMPLETED' && result.resultCode === NHN_DELIVERED_CODE) return 'delivered';
  if (result.messageStatus === 'COMPLETED' || result.messageStatus === 'FAILED' || result.messageStatus === 'CANCEL') return 'failed';
  return null;
}

/** When the phone received it (NHN's KST `receiveDate`); null when NHN gave none or an unreadable one. */
export function receivedAt(result: Pick<DeliveryResult, 'receiveDate'>): Date | null {
  return result.receiveDate ? parseKst(result.receiveDate) : null;
}
