import { useEffect, useState } from 'react';
import { relativeRefreshMs, type DateInput } from '@/lib/format';

/** The current time, re-read only as often as a relative label for `value` can change. */
export function useNow(value: DateInput): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const wait = relativeRefreshMs(value, now);
    if (wait === null) return;
    const id = window.setTimeout(() => setNow(Date.now()), wait);
    return () => window.clearTimeout(id);
  }, [value, now]);
  return now;
}
