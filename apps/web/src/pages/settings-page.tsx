import { useQuery } from '@tanstack/react-query';
import { Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiTokensSection } from '@/features/settings/api-tokens-section';
import { DeliveryControlsSection } from '@/features/settings/delivery-controls-section';
import { NhnSettingsForm } from '@/features/settings/nhn-settings-form';
import { SendingModeCard } from '@/features/settings/sending-mode-card';
import { TemplatesSection } from '@/features/settings/templates-section';
import { describeError } from '@/lib/errors';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

export default function SettingsPage() {
  const { t: tp } = useTranslation();
  const { t } = useTranslation('settings');
  const trpc = useTRPC();
  const { user } = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const settings = useQuery(trpc.settings.get.queryOptions());

  return (
    <>
      <PageHeader title={tp('pages.settings.title')} description={tp('pages.settings.description')} />
      {settings.isPending ? (
        <div className="space-y-4" aria-busy="true" aria-label={tp('common.loading')}>
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-72 w-full" />
        </div>
      ) : settings.isError ? (
        <EmptyState
          icon={Info}
          title={t('nhn.loadFailed')}
          action={
            <Button variant="outline" onClick={() => void settings.refetch()}>
              {tp('common.retry')}
            </Button>
          }
        >
          {describeError(settings.error, tp)}
        </EmptyState>
      ) : (
        <>
          <SendingModeCard mode={settings.data.mode} />
          <NhnSettingsForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} canEdit={isAdmin} />
        </>
      )}
      <DeliveryControlsSection canEdit={isAdmin} />
      <TemplatesSection canEdit={isAdmin} />
      <ApiTokensSection canEdit={isAdmin} />
    </>
  );
}
