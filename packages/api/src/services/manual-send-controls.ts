// What the org's delivery controls say about the recipients of a manual send, for its preview. A manual send is a
// person writing now: the send window does not hold it and the frequency cap neither blocks nor counts it
// (frequency-cap.ts). The preview still says, per recipient, where an automatic send of the same rule would wait or
// be capped — the same applyDeliveryControls the send path asks — so the admin confirms knowing it ("23:00, and this
// person already had 3 automatic messages today").
import { describeWindowWait, type RecordData, type SendCheck } from '@alimflow/automation-core';
import type { Language } from '../security/language.ts';
import { applyDeliveryControls, deliveryControls } from './delivery-controls.ts';
import type { Tx } from './jobs.ts';

/** Recipients listed by name in the preview; the counts cover all of them. */
export const MANUAL_PREVIEW_RECIPIENTS = 20;

export interface ManualRecipientControls {
  recordId: string;
  recipientNo: string;
  /** An automatic send would wait for the window's opening. */
  window: { until: string; message: string } | null;
  /** An automatic send would be over the cap: how many it had in the period, the limit, and when it frees up. */
  frequencyCap: { count: number; limit: number; until: string } | null;
}

export interface ManualSendControls {
  /** Recipients an automatic send would hold for the window / skip for the cap (a manual send does neither). */
  outsideWindow: number;
  overFrequencyCap: number;
  recipients: ManualRecipientControls[];
}

type Sendable = { recordId: string; data: RecordData; check: Extract<SendCheck, { action: 'send' }> };

export async function manualSendControls(
  tx: Tx,
  scope: { orgId: string; now: Date; language: Language },
  link: { recipientField: string; sendWindow: unknown },
  sendable: Sendable[],
): Promise<ManualSendControls> {
  const { orgId, now } = scope;
  // Asked as an automatic send of this rule would be: that is what the window and the cap apply to.
  const inputs = sendable.map((s) => ({ orgId, link, data: s.data, triggerType: 'auto' as const, now }));
  const controls = await deliveryControls(tx, inputs, { lock: false });
  const result: ManualSendControls = { outsideWindow: 0, overFrequencyCap: 0, recipients: [] };
  for (const [i, s] of sendable.entries()) {
    const { check, wait } = applyDeliveryControls(controls, inputs[i]!, s.check);
    const cap = check.action === 'skip' && check.skip.reason === 'frequency_cap' ? check.skip.detail : null;
    if (!wait && !cap) continue;
    if (wait) result.outsideWindow++;
    if (cap) result.overFrequencyCap++;
    if (result.recipients.length >= MANUAL_PREVIEW_RECIPIENTS) continue;
    result.recipients.push({
      recordId: s.recordId,
      recipientNo: s.check.recipientNo,
      window: wait ? { until: wait.until.toISOString(), message: describeWindowWait(wait.until, now, scope.language) } : null,
      frequencyCap: cap ? { count: cap.length ?? 0, limit: cap.limit ?? 0, until: cap.until?.toISOString() ?? '' } : null,
    });
  }
  return result;
}
