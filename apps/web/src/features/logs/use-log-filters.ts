import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseLogFilters, serializeLogFilters, type LogFilters } from './filters';

/** The explorer's filters and open log, read from and written to the URL. */
export function useLogFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseLogFilters(params), [params]);
  const openLogId = params.get('log');

  const setFilters = useCallback(
    (patch: Partial<LogFilters>, options?: { replace?: boolean }) =>
      setParams((prev) => serializeLogFilters({ ...parseLogFilters(prev), ...patch }, prev), { replace: options?.replace ?? false }),
    [setParams],
  );
  const resetFilters = useCallback(
    () =>
      setParams((prev) => {
        const next = new URLSearchParams();
        const log = prev.get('log');
        if (log) next.set('log', log);
        return next;
      }),
    [setParams],
  );
  const setOpenLog = useCallback(
    (id: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id) next.set('log', id);
          else next.delete('log');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, setFilters, resetFilters, openLogId, setOpenLog };
}
