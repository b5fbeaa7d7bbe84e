import { ArrowRight, Repeat } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';

// Placeholder until the repeats feature page lands; replace this file, the shell does not need to change.
export default function RepeatsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.repeats.title')} description={t('pages.repeats.description')} />
      <EmptyState
        icon={Repeat}
        title={t('pages.repeats.emptyTitle')}
        action={
          <Button asChild variant="outline">
            <Link to="/automations">
              {t('pages.repeats.emptyAction')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      >
        {t('pages.repeats.emptyBody')}
      </EmptyState>
    </>
  );
}
