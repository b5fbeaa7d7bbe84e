import { CheckCircle2, Repeat, StopCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';

/** Amber while it repeats; grey once it has ended, however it ended. */
export function RepeatStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('repeats');
  if (status === 'pending')
    return (
      <Badge variant="warning">
        <Repeat aria-hidden="true" />
        {t('status.pending')}
      </Badge>
    );
  if (status === 'completed')
    return (
      <Badge variant="muted">
        <CheckCircle2 aria-hidden="true" />
        {t('status.completed')}
      </Badge>
    );
  if (status === 'cancelled')
    return (
      <Badge variant="muted">
        <StopCircle aria-hidden="true" />
        {t('status.cancelled')}
      </Badge>
    );
  return <Badge variant="outline">{status}</Badge>;
}
