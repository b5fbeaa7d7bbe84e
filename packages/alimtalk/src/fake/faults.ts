/**
 * Fault injection for the fake NHN server: a queue of one-shot faults ("the next N calls…") plus an optional
 * failure rate drawn from a seeded RNG, so a flaky run is reproducible.
 */

/**
 * - `http500`: answer HTTP `status` (default 500) with an NHN-looking body; nothing is processed.
 * - `nhnError`: answer HTTP 200 with `header.resultCode` = `resultCode` (default -9999); nothing is processed.
 * - `slow`: hold the request `delayMs`, then process and answer normally (if the client gave up meanwhile, the
 *   request is dropped unprocessed).
 * - `drop`: destroy the connection without processing or answering.
 * - `dropAfterProcess`: process the request (a send is accepted and stored), then destroy the connection — the
 *   "accepted but the answer was lost" case that a retry with the same idempotency key turns into `-1005`.
 */
export type FaultKind = 'http500' | 'nhnError' | 'slow' | 'drop' | 'dropAfterProcess';
/** Which API calls a fault applies to. `/_fake/*` control endpoints are never faulted. */
export type FaultScope = 'all' | 'send' | 'messages' | 'templates';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching calls get this fault (default 1). */
  times?: number;
  scope?: FaultScope;
  /** nhnError: the resultCode (default -9999). */
  resultCode?: number;
  /** http500: the HTTP status (default 500). */
  status?: number;
  /** slow: delay in ms (default 1000). */
  delayMs?: number;
}

export interface FailureRateSpec {
  /** 0..1 probability that a matching call gets a fault. */
  rate: number;
  seed?: number;
  /** Kinds drawn uniformly (default http500, nhnError, drop). */
  kinds?: FaultKind[];
  scope?: FaultScope;
  resultCode?: number;
  status?: number;
  delayMs?: number;
}

export interface ResolvedFault {
  kind: FaultKind;
  resultCode: number;
  status: number;
  delayMs: number;
}

/** mulberry32: tiny, deterministic, good enough for fault dice. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULT_KINDS: FaultKind[] = ['http500', 'nhnError', 'slow', 'drop', 'dropAfterProcess'];

export function isFaultKind(k: unknown): k is FaultKind {
  return typeof k === 'string' && (FAULT_KINDS as string[]).includes(k);
}

function resolve(s: {
  kind: FaultKind;
  resultCode?: number;
  status?: number;
  delayMs?: number;
}): ResolvedFault {
  return {
    kind: s.kind,
    resultCode: s.resultCode ?? -9999,
    status: s.status ?? 500,
    delayMs: s.delayMs ?? 1000,
  };
}

interface Queued extends FaultSpec {
  remaining: number;
}

export class FaultController {
  #queue: Queued[] = [];
  #rate: (FailureRateSpec & { rng: () => number }) | null = null;
  #injected = 0;
  #ignorePaging = false;

  /** Queue a fault for the next `times` matching calls. */
  inject(spec: FaultSpec): this {
    if (!isFaultKind(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('fault times must be a positive integer');
    this.#queue.push({ ...spec, remaining: times });
    return this;
  }
  http500(times = 1, scope: FaultScope = 'all', status = 500): this {
    return this.inject({ kind: 'http500', times, scope, status });
  }
  nhnError(resultCode = -9999, times = 1, scope: FaultScope = 'all'): this {
    return this.inject({ kind: 'nhnError', resultCode, times, scope });
  }
  slow(delayMs: number, times = 1, scope: FaultScope = 'all'): this {
    return this.inject({ kind: 'slow', delayMs, times, scope });
  }
  drop(times = 1, scope: FaultScope = 'all'): this {
    return this.inject({ kind: 'drop', times, scope });
  }
  dropAfterProcess(times = 1, scope: FaultScope = 'send'): this {
    return this.inject({ kind: 'dropAfterProcess', times, scope });
  }
  /** A random failure rate (seeded); null turns it off. */
  setFailureRate(spec: FailureRateSpec | null): this {
    if (spec === null) {
      this.#rate = null;
      return this;
    }
    if (!(spec.rate >= 0 && spec.rate <= 1)) throw new Error('failure rate must be within 0..1');
    for (const k of spec.kinds ?? [])
      if (!isFaultKind(k)) throw new Error(`unknown fault kind: ${String(k)}`);
    this.#rate = { ...spec, rng: seededRandom(spec.seed ?? 1) };
    return this;
  }
  /**
   * Until cleared, list and search calls ignore `pageNum` (every page is the first one) and report no
   * `totalCount`, like a provider that does not page: a client must still stop.
   */
  ignorePaging(on = true): this {
    this.#ignorePaging = on;
    return this;
  }
  get ignoresPaging(): boolean {
    return this.#ignorePaging;
  }
  clear(): this {
    this.#queue = [];
    this.#rate = null;
    this.#ignorePaging = false;
    return this;
  }
  /** How many faults were applied since start / the last reset. */
  get injectedCount(): number {
    return this.#injected;
  }
  resetCount(): void {
    this.#injected = 0;
  }
  snapshot(): {
    queue: FaultSpec[];
    failureRate: FailureRateSpec | null;
    ignorePaging: boolean;
    injected: number;
  } {
    let failureRate: FailureRateSpec | null = null;
    if (this.#rate) {
      const { rng: _rng, ...rest } = this.#rate;
      failureRate = rest;
    }
    return {
      queue: this.#queue.map(({ remaining, ...s }) => ({ ...s, times: remaining })),
      failureRate,
      ignorePaging: this.#ignorePaging,
      injected: this.#injected,
    };
  }

  /** Called by the server once per API call. */
  take(scope: Exclude<FaultScope, 'all'>): ResolvedFault | null {
    const matches = (s: FaultScope | undefined) => s === undefined || s === 'all' || s === scope;
    const idx = this.#queue.findIndex((q) => matches(q.scope));
    if (idx >= 0) {
      const q = this.#queue[idx]!;
      q.remaining--;
      if (q.remaining <= 0) this.#queue.splice(idx, 1);
      this.#injected++;
      return resolve(q);
    }
    const r = this.#rate;
    if (r && matches(r.scope) && r.rng() < r.rate) {
      const kinds = r.kinds?.length ? r.kinds : (['http500', 'nhnError', 'drop'] as FaultKind[]);
      const kind = kinds[Math.floor(r.rng() * kinds.length)] ?? 'http500';
      this.#injected++;
      return resolve({ ...r, kind });
    }
    return null;
  }
}
