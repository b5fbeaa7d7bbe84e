import { ArrowRight, Settings } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { useCurrentUser } from '@/lib/session';

// Placeholder until the settings feature page lands; replace this file, the shell does not need to change.
export default function SettingsPage() {
  const { t } = useTranslation();
  const { sendingMode } = useCurrentUser();
  return (
    <>
      <PageHeader title={t('pages.settings.title')} description={t('pages.settings.description')} />
      <EmptyState
        icon={Settings}
        title={t('pages.settings.emptyTitle')}
        action={
          <Button asChild variant="outline">
            <Link to="/">
              {t('pages.settings.emptyAction')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      >
        {sendingMode === 'sandbox' ? t('pages.settings.emptyBody') : t('pages.settings.emptyBodyLive')}
      </EmptyState>
    </>
  );
}
