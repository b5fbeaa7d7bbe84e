import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "레코드 · AlimFlow" in the browser tab. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
