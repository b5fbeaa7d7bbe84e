// The manual-send preview's word on the org's delivery controls: who an automatic send would have held for the
// send window or skipped for the frequency cap. A manual send does neither (a person writing now), so this informs
// the choice; it changes nothing about who gets the message.
import { Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { formatDateTime, formatPhoneNumber } from '@/lib/format';
import type { ManualPreview } from './types';

export function DeliveryControlsNote({ delivery }: { delivery: ManualPreview['delivery'] }) {
  const { t, i18n } = useTranslation('send');
  const lang = i18n.resolvedLanguage ?? 'ko';
  if (delivery.outsideWindow === 0 && delivery.overFrequencyCap === 0) return null;
  const listed = delivery.recipients.length;
  const affected = delivery.outsideWindow + delivery.overFrequencyCap;
  return (
    <Alert role="note" aria-label={t('controls.title')}>
      <Clock aria-hidden="true" />
      <div className="space-y-1.5 text-sm">
        <p className="font-medium">{t('controls.title')}</p>
        <ul className="list-disc space-y-0.5 pl-5">
          {delivery.outsideWindow > 0 && <li>{t('controls.outsideWindow', { count: delivery.outsideWindow })}</li>}
          {delivery.overFrequencyCap > 0 && <li>{t('controls.overCap', { count: delivery.overFrequencyCap })}</li>}
        </ul>
        <ul aria-label={t('controls.recipients')} className="space-y-0.5 text-muted-foreground">
          {delivery.recipients.map((r) => (
            <li key={r.recordId}>
              {formatPhoneNumber(r.recipientNo)}:{' '}
              {r.frequencyCap
                ? t('controls.capDetail', { count: r.frequencyCap.count, limit: r.frequencyCap.limit, until: formatDateTime(r.frequencyCap.until, lang) })
                : r.window?.message}
            </li>
          ))}
          {affected > listed && <li>{t('controls.more', { count: affected - listed })}</li>}
        </ul>
        <p className="text-muted-foreground">{t('controls.note')}</p>
      </div>
    </Alert>
  );
}
