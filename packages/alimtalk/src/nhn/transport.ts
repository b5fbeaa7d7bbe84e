/**
 * One HTTP call to NHN: `X-Secret-Key`, JSON content type, a per-call timeout (AbortSignal) and the platform fetch
 * (Node's undici keeps connections alive and pools them per origin). Every failure becomes a ProviderError
 * classified permanent / transient / duplicate, whose message is built only from the operation name and the
 * provider's code + message: no URL (the appkey is in the path), no headers (the secret).
 */
import type { z } from 'zod';
import { ProviderError, classifyHttpStatus, classifyNhnCode } from '../errors.ts';
import type { ErrorKind } from '../types.ts';
import { envelopeSchema, type NhnHeader } from './wire.ts';

export interface CallOptions {
  op: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  /** header.resultCode values that are returned to the caller instead of thrown. */
  allowCodes?: number[];
}

export type NhnCall = (o: CallOptions) => Promise<{ header: NhnHeader; json: unknown }>;

export interface TransportOptions {
  /** `…/alimtalk/v2.3/appkeys/{appKey}`; every call's path is appended to it. */
  root: string;
  secretKey: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

function errorCodeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
  const cause = (e as { cause?: unknown }).cause;
  return cause && cause !== e ? errorCodeOf(cause) : undefined;
}

/** An unsuccessful NHN code as an error kind ('all_failed' on a whole call is permanent). */
function kindOfCode(code: number): ErrorKind {
  const c = classifyNhnCode(code);
  return c === 'ok' || c === 'all_failed' ? 'permanent' : c;
}

async function exchange(o: CallOptions, t: TransportOptions): Promise<{ status: number; text: string }> {
  const url = new URL(t.root + o.path);
  for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {
    'X-Secret-Key': t.secretKey,
    'Content-Type': 'application/json;charset=UTF-8',
    Accept: 'application/json',
  };
  if (o.idempotencyKey) headers['X-NC-API-IDEMPOTENCY-KEY'] = o.idempotencyKey;
  try {
    const res = await t.fetch(url, {
      method: o.method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      signal: AbortSignal.timeout(t.timeoutMs),
    });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    const name = (e as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ProviderError({
        op: o.op,
        kind: 'transient',
        code: 'TIMEOUT',
        providerMessage: `no answer within ${t.timeoutMs} ms`,
      });
    }
    const code = errorCodeOf(e);
    throw new ProviderError({
      op: o.op,
      kind: 'transient',
      code: 'NETWORK',
      providerMessage: `network error${code ? ` (${code})` : ''}`,
    });
  }
}

function parseEnvelope(text: string): { json: unknown; header: NhnHeader | undefined } {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    return { json: undefined, header: undefined };
  }
  const env = envelopeSchema.safeParse(json);
  return { json, header: env.success ? env.data.header : undefined };
}

export function createNhnTransport(t: TransportOptions): NhnCall {
  return async (o) => {
    const { status, text } = await exchange(o, t);
    const { json, header } = parseEnvelope(text);

    if (status < 200 || status >= 300) {
      const httpKind = classifyHttpStatus(status);
      // a 4xx that still carries an NHN code is classified by that code; 5xx / 429 / 408 are always transient
      if (header && httpKind === 'permanent' && header.resultCode !== 0) {
        throw new ProviderError({
          op: o.op,
          kind: kindOfCode(header.resultCode),
          code: String(header.resultCode),
          providerMessage: header.resultMessage ?? `HTTP ${status}`,
          httpStatus: status,
        });
      }
      throw new ProviderError({
        op: o.op,
        kind: httpKind,
        code: `HTTP_${status}`,
        providerMessage: header?.resultMessage ?? `HTTP ${status}`,
        httpStatus: status,
      });
    }
    if (!header) {
      throw new ProviderError({
        op: o.op,
        kind: 'transient',
        code: 'INVALID_RESPONSE',
        providerMessage: 'response body is not an NHN JSON envelope',
        httpStatus: status,
      });
    }
    const ok = header.resultCode === 0 && header.isSuccessful !== false;
    if (!ok && !(o.allowCodes ?? []).includes(header.resultCode)) {
      throw new ProviderError({
        op: o.op,
        kind: kindOfCode(header.resultCode),
        code: String(header.resultCode),
        providerMessage: header.resultMessage ?? 'unsuccessful',
        httpStatus: status,
      });
    }
    return { header, json };
  };
}

/** A body that is an NHN envelope but not the shape this operation expects is a transient provider fault. */
export function parseResponse<S extends z.ZodType>(schema: S, json: unknown, op: string): z.output<S> {
  const r = schema.safeParse(json);
  if (!r.success) {
    throw new ProviderError({
      op,
      kind: 'transient',
      code: 'INVALID_RESPONSE',
      providerMessage: `unexpected response shape (${r.error.issues[0]?.path.join('.') ?? '?'})`,
      httpStatus: 200,
    });
  }
  return r.data;
}
