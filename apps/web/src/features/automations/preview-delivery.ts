// The preview's "지금 보내면" lines: what the server's delivery controls (the same decision a send makes) would do
// with the matching records now. The window's opening is worded here with automation-core's sentence, so it
// follows the screen's language without asking the server again.
import { describeWindowWait } from '@alimflow/automation-core';
import { formatNumber } from '@/lib/format';
import type { AutomationsT } from './text';
import { langOf } from './text';

export interface PreviewDelivery {
  sendNow: number;
  heldByWindow: number;
  frequencyCapped: number;
  cooldown: number;
  until: string | null;
}

/** One sentence per outcome that some record has, in a fixed order; none when nothing could be sent anyway. */
export function previewDeliveryLines(delivery: PreviewDelivery, t: AutomationsT, resolvedLanguage: string | undefined, now: Date): string[] {
  const lang = langOf(resolvedLanguage);
  const n = (value: number) => formatNumber(value, resolvedLanguage);
  const lines: string[] = [];
  if (delivery.sendNow > 0) lines.push(t('builder.preview.delivery.sendNow', { n: n(delivery.sendNow) }));
  if (delivery.heldByWindow > 0) {
    const when = describeWindowWait(delivery.until ? new Date(delivery.until) : null, now, lang);
    lines.push(t('builder.preview.delivery.held', { n: n(delivery.heldByWindow), when }));
  }
  if (delivery.frequencyCapped > 0) lines.push(t('builder.preview.delivery.capped', { n: n(delivery.frequencyCapped) }));
  if (delivery.cooldown > 0) lines.push(t('builder.preview.delivery.cooldown', { n: n(delivery.cooldown) }));
  return lines;
}
