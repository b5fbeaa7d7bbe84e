// Fixed-window limiter for failed logins, per key (email and client address). In memory: with several API
// processes each keeps its own window, which still bounds guessing to N × limit per window.
export interface RateLimiter {
  /** Seconds until the key may try again, or 0 when allowed. */
  retryAfter(key: string, now?: number): number;
  fail(key: string, now?: number): void;
  reset(key: string): void;
}

export function createRateLimiter(options: { max: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { count: number; start: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    if (!w || now - w.start >= options.windowMs) return undefined;
    return w;
  };
  return {
    retryAfter(key, now = Date.now()) {
      const w = current(key, now);
      if (!w || w.count < options.max) return 0;
      return Math.ceil((w.start + options.windowMs - now) / 1000);
    },
    fail(key, now = Date.now()) {
      const w = current(key, now);
      if (w) w.count += 1;
      else windows.set(key, { count: 1, start: now });
      if (windows.size > 10_000) {
        for (const [k, v] of windows) if (now - v.start >= options.windowMs) windows.delete(k);
      }
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
