import { ArrowRight, Workflow } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';

// Placeholder until the automations feature page lands; replace this file, the shell does not need to change.
export default function AutomationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.automations.title')} description={t('pages.automations.description')} />
      <EmptyState
        icon={Workflow}
        title={t('pages.automations.emptyTitle')}
        action={
          <Button asChild variant="outline">
            <Link to="/settings">
              {t('pages.automations.emptyAction')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      >
        {t('pages.automations.emptyBody')}
      </EmptyState>
    </>
  );
}
