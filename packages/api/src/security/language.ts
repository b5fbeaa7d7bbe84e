// The language of messages the server writes itself (input-guard and internal-error texts). Korean unless the
// client prefers English: the product is Korean-first, and the SPA sends its UI language as Accept-Language.
export type Language = 'ko' | 'en';

export function pickLanguage(acceptLanguage: string | undefined): Language {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ko';
}
