import { useTranslation } from 'react-i18next';

/** Shown for the moment a route's code is still loading on a full page load. */
export function BootFallback() {
  const { t } = useTranslation();
  return <div role="status" aria-label={t('common.loading')} className="min-h-svh" />;
}
