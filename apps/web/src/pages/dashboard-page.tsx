import { ArrowRight, BarChart3 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { useCurrentUser } from '@/lib/session';

export default function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  return (
    <>
      <PageHeader
        eyebrow={t('pages.dashboard.greeting', { name: user.name })}
        title={t('pages.dashboard.title')}
        description={t('pages.dashboard.description')}
      />
      <EmptyState
        icon={BarChart3}
        title={t('pages.dashboard.emptyTitle')}
        action={
          <Button asChild>
            <Link to="/automations">
              {t('pages.dashboard.emptyAction')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      >
        {t('pages.dashboard.emptyBody')}
      </EmptyState>
    </>
  );
}
