/**
 * NHN Cloud KakaoTalk Bizmessage (AlimTalk) v2.3 client: the operations of `AlimtalkProvider` on top of one
 * transport (`transport.ts`: headers, timeout, error classification) and one pager (`paging.ts`: bounded paging).
 */
import { ProviderError } from '../errors.ts';
import { ceilToMinute, formatKst } from '../kst.ts';
import type { AlimtalkProvider, DeliveryResult, FindMessagesQuery, ProviderMessage } from '../types.ts';
import { messageKey, toDelivery, toMessage, toTemplate } from './mapping.ts';
import { allPages, pages } from './paging.ts';
import { sendBatch } from './send.ts';
import { createNhnTransport, parseResponse, type NhnCall } from './transport.ts';
import {
  messagesResponseSchema,
  templateListResponseSchema,
  type NhnMessage,
  type NhnTemplate,
} from './wire.ts';

export { NHN_MAX_RECIPIENTS_PER_CALL } from './send.ts';

export const NHN_DEFAULT_BASE_URL = 'https://api-alimtalk.cloud.toast.com';
/** The base URL of NHN's current documentation (since 2026-02). Both answer the same API. */
export const NHN_CURRENT_BASE_URL = 'https://kakaotalk-bizmessage.api.nhncloudservice.com';
export const NHN_API_VERSION = 'v2.3';

export interface NhnClientOptions {
  baseUrl: string;
  appKey: string;
  secretKey: string;
  /** Per HTTP call, including reading the body. Default 10,000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Page size for list / search calls (default 1000, NHN's maximum for message searches). */
  pageSize?: number;
  /** Pages fetched per list / search window at most (default 100): one poll never reads more than this. */
  maxPages?: number;
}

const MAX_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

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

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((m) => {
    const k = key(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function createNhnClient(opts: NhnClientOptions): AlimtalkProvider {
  if (!opts.baseUrl) throw new Error('createNhnClient: baseUrl is required');
  if (!opts.appKey) throw new Error('createNhnClient: appKey is required');
  if (!opts.secretKey) throw new Error('createNhnClient: secretKey is required');
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const call: NhnCall = createNhnTransport({
    root: `${baseUrl}/alimtalk/${NHN_API_VERSION}/appkeys/${encodeURIComponent(opts.appKey)}`,
    secretKey: opts.secretKey,
    timeoutMs: opts.timeoutMs ?? 10_000,
    fetch: opts.fetch ?? globalThis.fetch,
  });
  const pageSize = opts.pageSize ?? 1000;
  const maxPages = opts.maxPages ?? 100;

  function templatePages(senderKey: string): AsyncGenerator<NhnTemplate[]> {
    const size = Math.min(pageSize, 1000);
    return pages(
      async (pageNum) => {
        const { json } = await call({
          op: 'listTemplates',
          method: 'GET',
          path: `/senders/${encodeURIComponent(senderKey)}/templates`,
          query: { pageNum, pageSize: size },
        });
        const r = parseResponse(templateListResponseSchema, json, 'listTemplates').templateListResponse;
        const raw = r?.templates ?? [];
        return { items: Array.isArray(raw) ? raw : [raw], totalCount: r?.totalCount };
      },
      { pageSize: size, maxPages, key: (t) => t.templateCode },
    );
  }

  function messagePages(
    op: string,
    path: string,
    query: Record<string, string | undefined>,
  ): AsyncGenerator<NhnMessage[]> {
    return pages(
      async (pageNum) => {
        const { json } = await call({ op, method: 'GET', path, query: { ...query, pageNum, pageSize } });
        const r = parseResponse(messagesResponseSchema, json, op);
        return {
          items: r.messageSearchResultResponse?.messages ?? r.messages ?? [],
          totalCount: r.messageSearchResultResponse?.totalCount ?? r.totalCount,
        };
      },
      { pageSize, maxPages, key: messageKey },
    );
  }

  async function* deliveryResultPages(q: {
    startUpdateDate: Date;
    endUpdateDate: Date;
  }): AsyncGenerator<DeliveryResult[]> {
    for (const [s, e] of windows(q.startUpdateDate, q.endUpdateDate)) {
      const it = messagePages('fetchDeliveryResults', '/message-results', {
        startUpdateDate: formatKst(s, 'second'),
        endUpdateDate: formatKst(e, 'second'),
      });
      for await (const page of it) yield page.map(toDelivery);
    }
  }

  return {
    name: 'nhn',
    sendBatch: (req) => sendBatch(call, req),

    async listTemplates(senderKey) {
      return (await allPages(templatePages(senderKey))).map(toTemplate);
    },

    async getTemplate(senderKey, templateCode) {
      let json: unknown;
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
      const r = parseResponse(templateListResponseSchema, json, 'getTemplate');
      const candidates = [r.templateListResponse?.templates, r.templates, r.template].flatMap((x) =>
        x == null ? [] : Array.isArray(x) ? x : [x],
      );
      const t = candidates.find((c) => c.templateCode === templateCode);
      return t ? toTemplate(t) : null;
    },

    async findMessages(q: FindMessagesQuery) {
      if ('requestId' in q) {
        const items = await allPages(messagePages('findMessages', '/messages', { requestId: q.requestId }));
        return items.map(toMessage);
      }
      const out: ProviderMessage[] = [];
      for (const [s, e] of windows(q.startRequestDate, q.endRequestDate)) {
        const it = messagePages('findMessages', '/messages', {
          startRequestDate: formatKst(s, 'minute'),
          endRequestDate: formatKst(ceilToMinute(e), 'minute'),
          recipientGroupingKey: q.recipientGroupingKey,
          senderGroupingKey: q.senderGroupingKey,
        });
        out.push(...(await allPages(it)).map(toMessage));
      }
      // adjacent windows share their boundary minute
      return dedupe(out, (m) => `${m.requestId}/${m.recipientSeq}`);
    },

    deliveryResultPages,

    async fetchDeliveryResults(q) {
      const all = await allPages(deliveryResultPages(q));
      return dedupe(all, (m) => `${m.requestId}/${m.recipientSeq}/${m.messageStatus}`);
    },
  };
}
