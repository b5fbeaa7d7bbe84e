import { ArrowRight, Database } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';

// Placeholder until the records feature page lands; replace this file, the shell does not need to change.
export default function RecordsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.records.title')} description={t('pages.records.description')} />
      <EmptyState
        icon={Database}
        title={t('pages.records.emptyTitle')}
        action={
          <Button asChild variant="outline">
            <Link to="/automations">
              {t('pages.records.emptyAction')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      >
        {t('pages.records.emptyBody')}
      </EmptyState>
    </>
  );
}
