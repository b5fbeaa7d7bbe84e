import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { currentLanguage, isLanguage, LANGUAGES } from '@/i18n';

/** 한국어 / English. i18next's detector stores the choice in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      value={currentLanguage()}
      onValueChange={(lang) => {
        if (isLanguage(lang)) void i18n.changeLanguage(lang);
      }}
    >
      <SelectTrigger size="sm" aria-label={t('topbar.language')} className="gap-1.5">
        <Languages aria-hidden="true" />
        {/* On narrow screens the icon alone; the accessible name stays "언어 / Language". */}
        <span className="hidden sm:inline">
          <SelectValue />
        </span>
      </SelectTrigger>
      <SelectContent align="end">
        {LANGUAGES.map((lang) => (
          <SelectItem key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
