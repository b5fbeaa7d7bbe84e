// Typed translation keys: t('nav.records') is checked against ko.json at compile time.
import 'i18next';
import type ko from './ko.json';
import type { koNamespaces } from './namespaces/index.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ko } & typeof koNamespaces;
    returnNull: false;
  }
}
