/**
 * NHN Cloud KakaoTalk Bizmessage (AlimTalk) v2.3 client.
 *
 * - Every call: `X-Secret-Key`, JSON content type, a per-call timeout (AbortSignal) and the platform fetch
 *   (Node's undici keeps connections alive and pools them per origin).
 * - Errors are ProviderErrors classified permanent / transient / duplicate. Their messages are built only from the
 *   operation name and the provider's code + message: no URL (the appkey is in the path), no headers (secret).
 */
import { ProviderError, classifyHttpStatus, classifyNhnCode } from '../errors.ts';
import { ceilToMinute, formatKst } from '../kst.ts';
import { templateVariables } from '../template-vars.ts';
import type {
  AlimtalkProvider,
  DeliveryResult,
  ErrorKind,
  FindMessagesQuery,
  ProviderMessage,
  ProviderTemplate,
  RecipientResult,
  SendBatchRequest,
  SendBatchResult,
  SendRecipient,
  TemplateStatus,
} from '../types.ts';
import {
  envelopeSchema,
  messagesResponseSchema,
  sendResponseSchema,
  templateListResponseSchema,
  type NhnHeader,
  type NhnMessage,
  type NhnSendResult,
  type NhnTemplate,
} from './wire.ts';
import type { z } from 'zod';

export const NHN_DEFAULT_BASE_URL = 'https://api-alimtalk.cloud.toast.com';
/** The base URL of NHN's current documentation (since 2026-02). Both answer the same API. */
export const NHN_CURRENT_BASE_URL = 'https://kakaotalk-bizmessage.api.nhncloudservice.com';
export const NHN_API_VERSION = 'v2.3';
/** NHN accepts 1 to 1,000 recipients per send call. */
export const NHN_MAX_RECIPIENTS_PER_CALL = 1000;

export interface NhnClientOptions {
  baseUrl: string;
  appKey: string;
  secretKey: string;
  /** Per HTTP call, including reading the body. Default 10,000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Page size for list / search calls (default 1000, NHN's maximum for message searches). */
  pageSize?: number;
}

type Json = unknown;

interface CallOptions {
  op: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  /** header.resultCode values that are returned to the caller instead of thrown. */
  allowCodes?: number[];
}

const TEMPLATE_STATUSES = new Set<string>(['TSC01', 'TSC02', 'TSC03', 'TSC04']);
const MAX_PAGES = 10_000;
const MAX_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

function errorCodeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
  const cause = (e as { cause?: unknown }).cause;
  return cause && cause !== e ? errorCodeOf(cause) : undefined;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toTemplate(t: NhnTemplate): ProviderTemplate {
  const content = t.templateContent ?? '';
  const status: TemplateStatus =
    t.status && TEMPLATE_STATUSES.has(t.status) ? (t.status as TemplateStatus) : 'TSC01';
  return {
    templateCode: t.templateCode,
    name: t.templateName ?? t.templateCode,
    content,
    status,
    statusName: t.statusName,
    variables: templateVariables(content),
  };
}

function toMessage(m: NhnMessage): ProviderMessage {
  return {
    requestId: m.requestId,
    recipientSeq: m.recipientSeq,
    recipientNo: m.recipientNo ?? '',
    recipientGroupingKey: m.recipientGroupingKey,
    senderGroupingKey: m.senderGroupingKey,
    templateCode: m.templateCode,
    messageStatus: m.messageStatus,
    resultCode: m.resultCode,
    ...(m.requestDate ? { requestDate: m.requestDate } : {}),
  };
}

function toDelivery(m: NhnMessage): DeliveryResult {
  return {
    requestId: m.requestId,
    recipientSeq: m.recipientSeq,
    messageStatus: m.messageStatus ?? 'UNKNOWN',
    resultCode: m.resultCode,
    resultCodeName: m.resultCodeName,
    receiveDate: m.receiveDate,
  };
}

function recipientKind(code: number): ErrorKind | undefined {
  const c = classifyNhnCode(code);
  if (c === 'ok') return undefined;
  return c === 'all_failed' ? 'permanent' : c;
}

export function createNhnClient(opts: NhnClientOptions): AlimtalkProvider {
  if (!opts.baseUrl) throw new Error('createNhnClient: baseUrl is required');
  if (!opts.appKey) throw new Error('createNhnClient: appKey is required');
  if (!opts.secretKey) throw new Error('createNhnClient: secretKey is required');
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const root = `${baseUrl}/alimtalk/${NHN_API_VERSION}/appkeys/${encodeURIComponent(opts.appKey)}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pageSize = opts.pageSize ?? 1000;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const secretKey = opts.secretKey;

  async function call(o: CallOptions): Promise<{ header: NhnHeader; json: Json }> {
    const url = new URL(root + o.path);
    for (const [k, v] of Object.entries(o.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {
      'X-Secret-Key': secretKey,
      'Content-Type': 'application/json;charset=UTF-8',
      Accept: 'application/json',
    };
    if (o.idempotencyKey) headers['X-NC-API-IDEMPOTENCY-KEY'] = o.idempotencyKey;

    let status: number;
    let text: string;
    try {
      const res = await doFetch(url, {
        method: o.method,
        headers,
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      const name = (e as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ProviderError({
          op: o.op,
          kind: 'transient',
          code: 'TIMEOUT',
          providerMessage: `no answer within ${timeoutMs} ms`,
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

    let json: Json;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    const env = envelopeSchema.safeParse(json);
    const header = env.success ? env.data.header : undefined;

    if (status < 200 || status >= 300) {
      const httpKind = classifyHttpStatus(status);
      // a 4xx that still carries an NHN code is classified by that code; 5xx / 429 / 408 are always transient
      if (header && httpKind === 'permanent' && header.resultCode !== 0) {
        const c = classifyNhnCode(header.resultCode);
        throw new ProviderError({
          op: o.op,
          kind: c === 'ok' || c === 'all_failed' ? 'permanent' : c,
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
      const c = classifyNhnCode(header.resultCode);
      throw new ProviderError({
        op: o.op,
        kind: c === 'ok' || c === 'all_failed' ? 'permanent' : c,
        code: String(header.resultCode),
        providerMessage: header.resultMessage ?? 'unsuccessful',
        httpStatus: status,
      });
    }
    return { header, json };
  }

  function parse<S extends z.ZodType>(schema: S, json: Json, op: string, status = 200): z.output<S> {
    const r = schema.safeParse(json);
    if (!r.success) {
      throw new ProviderError({
        op,
        kind: 'transient',
        code: 'INVALID_RESPONSE',
        providerMessage: `unexpected response shape (${r.error.issues[0]?.path.join('.') ?? '?'})`,
        httpStatus: status,
      });
    }
    return r.data;
  }

  async function sendChunk(
    req: SendBatchRequest,
    recipients: SendRecipient[],
    idempotencyKey: string | undefined,
  ): Promise<RecipientResult[]> {
    const body = {
      senderKey: req.senderKey,
      templateCode: req.templateCode,
      ...(req.requestDate ? { requestDate: formatKst(req.requestDate, 'minute') } : {}),
      ...(req.senderGroupingKey ? { senderGroupingKey: req.senderGroupingKey } : {}),
      recipientList: recipients.map((r) => ({
        recipientNo: r.recipientNo,
        templateParameter: r.templateParameter,
        recipientGroupingKey: r.recipientGroupingKey,
      })),
    };
    const { header, json } = await call({
      op: 'sendBatch',
      method: 'POST',
      path: '/messages',
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      allowCodes: [-1031],
    });
    const allFailed = header.resultCode === -1031;
    const msg = parse(sendResponseSchema, json, 'sendBatch').message;
    const requestId = allFailed ? null : (msg?.requestId ?? null);
    const sendResults: NhnSendResult[] = msg?.sendResults ?? [];

    return recipients.map((r, i): RecipientResult => {
      let sr: NhnSendResult | undefined = sendResults[i];
      if (sr && sr.recipientGroupingKey && sr.recipientGroupingKey !== r.recipientGroupingKey) sr = undefined;
      sr ??=
        sendResults.find(
          (s) => s.recipientGroupingKey === r.recipientGroupingKey && s.recipientNo === r.recipientNo,
        ) ?? sendResults.find((s) => s.recipientSeq === i + 1);
      const base = { recipientGroupingKey: r.recipientGroupingKey, recipientNo: r.recipientNo, requestId };
      if (!sr) {
        if (allFailed) {
          return {
            ...base,
            recipientSeq: null,
            accepted: false,
            resultCode: String(header.resultCode),
            resultMessage: header.resultMessage ?? 'all recipients failed',
            errorKind: 'permanent',
          };
        }
        // accepted call without a result line for this recipient: outcome unknown → reconcile like a duplicate
        return {
          ...base,
          recipientSeq: null,
          accepted: false,
          resultCode: 'NO_RESULT',
          resultMessage: 'provider returned no result for this recipient',
          errorKind: 'duplicate',
        };
      }
      const code = allFailed && sr.resultCode === 0 ? header.resultCode : sr.resultCode;
      const kind = recipientKind(code);
      return {
        ...base,
        recipientSeq: sr.recipientSeq ?? i + 1,
        accepted: code === 0,
        resultCode: String(code),
        resultMessage: sr.resultMessage ?? (code === 0 ? 'SUCCESS' : 'refused'),
        ...(kind ? { errorKind: kind } : {}),
      };
    });
  }

  async function sendBatch(req: SendBatchRequest): Promise<SendBatchResult> {
    if (req.recipients.length === 0) return { requestId: null, results: [] };
    const chunks = chunk(req.recipients, NHN_MAX_RECIPIENTS_PER_CALL);
    const results: RecipientResult[] = [];
    let firstError: ProviderError | undefined;
    let chunksFailed = 0;
    for (const [i, part] of chunks.entries()) {
      const key = req.idempotencyKey
        ? i === 0
          ? req.idempotencyKey
          : `${req.idempotencyKey}:${i}`
        : undefined;
      try {
        results.push(...(await sendChunk(req, part, key)));
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        firstError ??= e;
        chunksFailed++;
        for (const r of part) {
          results.push({
            recipientGroupingKey: r.recipientGroupingKey,
            recipientNo: r.recipientNo,
            requestId: null,
            recipientSeq: null,
            accepted: false,
            resultCode: e.code,
            resultMessage: e.providerMessage,
            errorKind: e.kind,
          });
        }
      }
    }
    if (firstError && chunksFailed === chunks.length) throw firstError;
    return { requestId: results.find((r) => r.requestId)?.requestId ?? null, results };
  }

  async function listTemplatePages(senderKey: string, templateCode?: string): Promise<NhnTemplate[]> {
    const out: NhnTemplate[] = [];
    const size = Math.min(pageSize, 1000);
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { json } = await call({
        op: 'listTemplates',
        method: 'GET',
        path: `/senders/${encodeURIComponent(senderKey)}/templates`,
        query: { templateCode, pageNum: page, pageSize: size },
      });
      const r = parse(templateListResponseSchema, json, 'listTemplates').templateListResponse;
      const raw = r?.templates ?? [];
      const items = Array.isArray(raw) ? raw : [raw];
      out.push(...items);
      const total = r?.totalCount ?? undefined;
      if (items.length === 0 || items.length < size || (total !== undefined && out.length >= total)) break;
    }
    return out;
  }

  async function searchMessages(
    op: string,
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<NhnMessage[]> {
    const out: NhnMessage[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { json } = await call({ op, method: 'GET', path, query: { ...query, pageNum: page, pageSize } });
      const r = parse(messagesResponseSchema, json, op);
      const items = r.messageSearchResultResponse?.messages ?? r.messages ?? [];
      const total = r.messageSearchResultResponse?.totalCount ?? r.totalCount ?? undefined;
      out.push(...items);
      if (items.length === 0 || items.length < pageSize || (total !== undefined && out.length >= total))
        break;
    }
    return out;
  }

  /** Split [start, end] into ≤ 30-day windows (NHN's search limit). */
  function windows(start: Date, end: Date): Array<[Date, Date]> {
    const out: Array<[Date, Date]> = [];
    let s = start.getTime();
    const e = end.getTime();
    if (e < s) return out;
    do {
      const w = Math.min(e, s + MAX_WINDOW_MS);
      out.push([new Date(s), new Date(w)]);
      s = w;
    } while (s < e);
    return out;
  }

  return {
    name: 'nhn',
    sendBatch,

    async listTemplates(senderKey) {
      return (await listTemplatePages(senderKey)).map(toTemplate);
    },

    async getTemplate(senderKey, templateCode) {
      let json: Json;
      try {
        ({ json } = await call({
          op: 'getTemplate',
          method: 'GET',
          path: `/senders/${encodeURIComponent(senderKey)}/templates/${encodeURIComponent(templateCode)}`,
        }));
      } catch (e) {
        if (e instanceof ProviderError && (e.code === '-3003' || e.httpStatus === 404)) return null;
        throw e;
      }
      const r = parse(templateListResponseSchema, json, 'getTemplate');
      const candidates = [r.templateListResponse?.templates, r.templates, r.template].flatMap((x) =>
        x == null ? [] : Array.isArray(x) ? x : [x],
      );
      const t = candidates.find((c) => c.templateCode === templateCode);
      return t ? toTemplate(t) : null;
    },

    async findMessages(q: FindMessagesQuery) {
      if ('requestId' in q) {
        const items = await searchMessages('findMessages', '/messages', { requestId: q.requestId });
        return items.map(toMessage);
      }
      const out: ProviderMessage[] = [];
      for (const [s, e] of windows(q.startRequestDate, q.endRequestDate)) {
        const items = await searchMessages('findMessages', '/messages', {
          startRequestDate: formatKst(s, 'minute'),
          endRequestDate: formatKst(ceilToMinute(e), 'minute'),
          recipientGroupingKey: q.recipientGroupingKey,
          senderGroupingKey: q.senderGroupingKey,
        });
        out.push(...items.map(toMessage));
      }
      // adjacent windows share their boundary minute
      const seen = new Set<string>();
      return out.filter((m) => {
        const k = `${m.requestId}/${m.recipientSeq}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    },

    async fetchDeliveryResults(q) {
      const out: DeliveryResult[] = [];
      const seen = new Set<string>();
      for (const [s, e] of windows(q.startUpdateDate, q.endUpdateDate)) {
        const items = await searchMessages('fetchDeliveryResults', '/message-results', {
          startUpdateDate: formatKst(s, 'second'),
          endUpdateDate: formatKst(e, 'second'),
        });
        for (const m of items) {
          const k = `${m.requestId}/${m.recipientSeq}/${m.messageStatus ?? ''}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push(toDelivery(m));
        }
      }
      return out;
    },
  };
}
