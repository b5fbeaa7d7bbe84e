import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, re-rendering when that changes (false where matchMedia is missing). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window === 'undefined' || !window.matchMedia) return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query).matches : false), () => false);
}

/** Below Tailwind's `md` (48rem): where tables become cards and the page is the one scroll area. */
export const PHONE_QUERY = '(width < 48rem)';
