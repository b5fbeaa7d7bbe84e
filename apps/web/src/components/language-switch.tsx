import { ChevronDown, Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, isLanguage, LANGUAGES } from '@/i18n';

/**
 * 한국어 / English. A native select: it sits on the login page, which should not load a popover library for
 * two options. i18next's detector stores the choice in localStorage.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="relative inline-flex h-8 items-center rounded-md border border-input bg-transparent text-sm shadow-xs focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50">
      <Languages className="pointer-events-none absolute left-2.5 size-4 text-muted-foreground" aria-hidden="true" />
      <select
        aria-label={t('topbar.language')}
        value={currentLanguage()}
        onChange={(event) => {
          const lang = event.target.value;
          if (isLanguage(lang)) void i18n.changeLanguage(lang);
        }}
        // On narrow screens the icon alone (the text is clipped); the accessible name stays "언어 / Language".
        className="h-full w-9 cursor-pointer appearance-none bg-transparent pl-8 text-transparent outline-none sm:w-auto sm:pr-8 sm:text-foreground"
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang} className="text-foreground">
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
      <ChevronDown className="pointer-events-none absolute right-2.5 hidden size-4 opacity-50 sm:block" aria-hidden="true" />
    </div>
  );
}
