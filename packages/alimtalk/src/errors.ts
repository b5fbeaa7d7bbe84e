import type { ErrorKind } from './types.ts';

/**
 * A classified provider failure. Never carries credentials: the message is built from the provider's code and
 * message only, and no request URL / headers / underlying error objects are attached.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ErrorKind;
  /** NHN resultCode as a string ('-3005'), or 'HTTP_503', 'TIMEOUT', 'NETWORK', 'INVALID_RESPONSE'. */
  readonly code: string;
  readonly providerMessage: string;
  readonly httpStatus?: number;

  constructor(init: {
    kind: ErrorKind;
    code: string;
    providerMessage: string;
    httpStatus?: number;
    op?: string;
  }) {
    const where = init.op ? `${init.op}: ` : '';
    super(`${where}provider error ${init.code} (${init.kind}): ${init.providerMessage}`);
    this.kind = init.kind;
    this.code = init.code;
    this.providerMessage = init.providerMessage;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }

  get retryable(): boolean {
    return this.kind === 'transient';
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      code: this.code,
      providerMessage: this.providerMessage,
      httpStatus: this.httpStatus,
      message: this.message,
    };
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

const TRANSIENT_CODES = new Set([-7000, -9999]);

/**
 * Classify an NHN `header.resultCode` (or a per-recipient `sendResults[].resultCode`).
 * 0 → ok; -1031 → all_failed (read sendResults); -1005 → duplicate; -7000/-9999 → transient;
 * every other code (documented credential / template / validation codes and unknown ones) → permanent.
 */
export function classifyNhnCode(code: number): ErrorKind | 'all_failed' | 'ok' {
  if (code === 0) return 'ok';
  if (code === -1031) return 'all_failed';
  if (code === -1005) return 'duplicate';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  return 'permanent';
}

/** Transport-level classification of an HTTP status without a usable NHN body. */
export function classifyHttpStatus(status: number): ErrorKind {
  if (status >= 500 || status === 429 || status === 408) return 'transient';
  return 'permanent';
}
