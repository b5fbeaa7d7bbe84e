// i18next setup: Korean by default, English selectable; the choice is remembered in localStorage.
// Every user-facing string goes through a key in ko.json (and en.json, kept in step by i18n.test.ts).
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ko from './ko.json';
import { enNamespaces, koNamespaces } from './namespaces/index.ts';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ko';
export const LANGUAGE_STORAGE_KEY = 'alimflow.language';

export const resources = {
  ko: { translation: ko, ...koNamespaces },
  en: { translation: en, ...enNamespaces },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the UI is showing now ('ko' unless English was chosen). */
export function currentLanguage(): Language {
  const lang = i18n.resolvedLanguage;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: false,
    load: 'languageOnly',
    // Only an explicit choice switches away from Korean; the browser's language does not.
    detection: {
      order: ['localStorage'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

function syncDocumentLanguage(lang: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}
syncDocumentLanguage(currentLanguage());
i18n.on('languageChanged', syncDocumentLanguage);

export default i18n;
