import { ArrowRight, ScrollText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';

// Placeholder until the logs feature page lands; replace this file, the shell does not need to change.
export default function LogsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.logs.title')} description={t('pages.logs.description')} />
      <EmptyState
        icon={ScrollText}
        title={t('pages.logs.emptyTitle')}
        action={
          <Button asChild variant="outline">
            <Link to="/automations">
              {t('pages.logs.emptyAction')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      >
        {t('pages.logs.emptyBody')}
      </EmptyState>
    </>
  );
}
