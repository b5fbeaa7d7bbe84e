import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isUuid } from '@/features/logs/filters';

/** The records page's state in the URL: ?partition=…&q=…&record=… (the open side sheet). */
export function parseRecordsParams(params: URLSearchParams): { partition: string | null; q: string; record: string | null } {
  const partition = params.get('partition');
  // A malformed record id still opens the side sheet, which says "not found": a bad link must not look like no link.
  const record = params.get('record')?.trim().slice(0, 100) || null;
  return {
    partition: isUuid(partition) ? partition : null,
    q: (params.get('q') ?? '').trim().slice(0, 100),
    record,
  };
}

export function useRecordsUrl() {
  const [params, setParams] = useSearchParams();
  const state = parseRecordsParams(params);
  const update = useCallback(
    (patch: { partition?: string | null; q?: string; record?: string | null }, options?: { replace?: boolean }) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined) continue;
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          // A fixed order keeps equal views on equal URLs.
          const ordered = new URLSearchParams();
          for (const key of ['partition', 'q', 'record']) {
            const value = next.get(key);
            if (value) ordered.set(key, value);
          }
          return ordered;
        },
        { replace: options?.replace ?? false },
      ),
    [setParams],
  );
  return { ...state, update };
}
