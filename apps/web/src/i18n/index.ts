// i18next setup: Korean by default, English selectable; the choice is remembered in localStorage.
// Every user-facing string goes through a key in ko.json (and en.json, kept in step by i18n.test.ts).
// The main namespace is bundled; feature namespaces (./namespaces/<ns>.<lang>.json) are fetched when the signed-in
// shell loads (see FEATURE_NAMESPACES), so the login page does not download the strings of every page.
import i18n, { type BackendModule } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ko from './ko.json';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './languages';
import type { koNamespaces } from './namespaces/index.ts';

export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language };
export const LANGUAGE_STORAGE_KEY = 'alimflow.language';

export type FeatureNamespace = keyof typeof koNamespaces;
export const FEATURE_NAMESPACES = ['automations', 'dashboard', 'logs', 'records', 'repeats', 'settings'] as const satisfies readonly FeatureNamespace[];

const namespaceFiles = import.meta.glob<{ default: Record<string, unknown> }>('./namespaces/*.json');

const lazyNamespaces: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = namespaceFiles[`./namespaces/${namespace}.${language}.json`];
    if (!load) return callback(new Error(`no translations for ${language}/${namespace}`), false);
    load().then(
      (file) => callback(null, file.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Fetches every feature namespace of the current language; the shell waits for this before it renders. */
export function loadFeatureNamespaces(): Promise<void> {
  return i18n.loadNamespaces([...FEATURE_NAMESPACES]);
}

/** The language the UI is showing now ('ko' unless English was chosen). */
export function currentLanguage(): Language {
  const lang = i18n.resolvedLanguage;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

void i18n
  .use(lazyNamespaces)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { ko: { translation: ko }, en: { translation: en } },
    // Bundled main namespace, the rest through the backend above.
    partialBundledLanguages: true,
    ns: ['translation'],
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
    showSupportNotice: false,
  });

function syncDocumentLanguage(lang: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}
syncDocumentLanguage(currentLanguage());
i18n.on('languageChanged', syncDocumentLanguage);

export default i18n;
