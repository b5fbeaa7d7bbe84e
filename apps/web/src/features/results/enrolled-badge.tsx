import { Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';

/** Marks a send made by enrolling the records that already matched a rule (SendLog.enrolmentId). */
export function EnrolledBadge({ enrolmentId }: { enrolmentId: string | null }) {
  const { t } = useTranslation('results');
  if (!enrolmentId) return null;
  return (
    <Badge variant="outline" className="text-muted-foreground">
      <Users aria-hidden="true" />
      {t('log.enrolled')}
    </Badge>
  );
}
