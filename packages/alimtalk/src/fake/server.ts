/**
 * A fake NHN Cloud AlimTalk v2.3 server: same paths, headers and bodies as the real API (see
 * shared/docs/nhn-alimtalk-api.md), with in-memory state (`state.ts`), delayed delivery results, scripted delivery
 * failures, fault injection (`faults.ts`), and `/_fake/*` control endpoints (`control.ts`) so a separately running
 * fake can be driven over HTTP. This file is the HTTP plumbing: authentication, faults and routing to `endpoints/`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleControl } from './control.ts';
import { getMessage, searchMessages } from './endpoints/messages.ts';
import { messageResults } from './endpoints/results.ts';
import { recordRefusedCall, sendMessages } from './endpoints/send.ts';
import { senderTemplates } from './endpoints/templates.ts';
import type { FaultController, FaultScope, ResolvedFault } from './faults.ts';
import { isJsonContentType, readBody, sendJson } from './http.ts';
import { NhnFailure, header, type Json } from './protocol.ts';
import { SANDBOX_NON_KAKAO_NUMBERS } from '../sandbox.ts';
import { FakeState, type FallbackOutcome, type ReceivedMessage } from './state.ts';
import { sandboxTemplates, type FakeTemplate } from './templates.ts';

export { isValidRecipientNo } from './endpoints/send.ts';
export type { FallbackOutcome, FakeResend, ReceivedMessage } from './state.ts';

export interface FakeNhnOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  appKey: string;
  secretKey: string;
  senderKey: string;
  /** Default: the sandbox templates. */
  templates?: FakeTemplate[];
  /** Accepted messages reach their final status after this delay. Default 2000 ms. */
  deliveryDelayMs?: number;
  /** How long an X-NC-API-IDEMPOTENCY-KEY is remembered. Default 10 minutes. */
  idempotencyTtlMs?: number;
  /** Logs one line per request to this function (never the secret). */
  log?: (line: string) => void;
  /** Oldest stored messages / received lines are dropped beyond this many (a long-running sandbox). Default 100,000. */
  maxStoredMessages?: number;
  /**
   * Numbers that are not KakaoTalk users → how an SMS/LMS fallback to them ends. Default: the sandbox's demo numbers
   * (SANDBOX_NON_KAKAO_NUMBERS).
   */
  nonKakaoNumbers?: Readonly<Record<string, FallbackOutcome>>;
}

export interface FakeNhnServer {
  url: string;
  port: number;
  close(): Promise<void>;
  faults: FaultController;
  received(): ReceivedMessage[];
  /** Forget messages, idempotency keys, faults and delivery scripts; restore the initial templates. */
  reset(): void;
  /** Every later message to `recipientNo` ends with this delivery code ('1000' = COMPLETED, else FAILED). */
  scriptDelivery(recipientNo: string, resultCode: string): void;
  /**
   * Later messages to `recipientNo` find no KakaoTalk user (3019); a fallback asked for ends with `fallback`,
   * reported with the KakaoTalk failure, or `reportAfterMs` after it (in progress, RSC03, until then).
   */
  setNonKakao(recipientNo: string, fallback?: FallbackOutcome, options?: { reportAfterMs?: number }): void;
  /** Add or replace a template (e.g. to approve one mid-test). */
  upsertTemplate(t: FakeTemplate): void;
}

const API_PREFIX = /^\/alimtalk\/v2\.3\/appkeys\/([^/]+)(\/.*)?$/;

interface ApiCall {
  method: string;
  sub: string;
  q: URLSearchParams;
  bodyText: string;
  idempotencyKey: string | null;
}

function routeApi(state: FakeState, c: ApiCall): Json {
  const now = Date.now();
  const { method, sub, q } = c;
  let m: RegExpExecArray | null;
  if (method === 'POST' && sub === '/messages') return sendMessages(state, c.bodyText, c.idempotencyKey, now);
  if (method === 'GET' && sub === '/messages') return searchMessages(state, q, now);
  if (method === 'GET' && sub === '/message-results') return messageResults(state, q, now);
  if (method === 'GET' && (m = /^\/messages\/([^/]+)\/([^/]+)$/.exec(sub)))
    return getMessage(state, decodeURIComponent(m[1]!), Number(m[2]), now);
  if (method === 'GET' && (m = /^\/senders\/([^/]+)\/templates(?:\/([^/]+))?$/.exec(sub)))
    return senderTemplates(
      state,
      decodeURIComponent(m[1]!),
      m[2] === undefined ? undefined : decodeURIComponent(m[2]),
      q,
    );
  throw new NhnFailure(-9998, `No API at ${method} ${sub}`);
}

function scopeOf(method: string, sub: string): Exclude<FaultScope, 'all'> {
  if (sub.startsWith('/senders/')) return 'templates';
  return method === 'POST' && sub === '/messages' ? 'send' : 'messages';
}

/** Appkey, secret and content type are checked before any endpoint, as NHN does. */
function answerApi(state: FakeState, req: IncomingMessage, appKey: string, c: ApiCall): Json {
  const { config } = state;
  if (appKey !== config.appKey) return { header: header(-1000, 'Invalid appKey.') };
  if (req.headers['x-secret-key'] !== config.secretKey)
    return { header: header(-1001, 'Invalid secretKey.') };
  const ct = req.headers['content-type'];
  if ((c.method === 'POST' || ct) && !isJsonContentType(ct))
    return { header: header(-9996, 'Content-Type is not application/json.') };
  try {
    return routeApi(state, c);
  } catch (e) {
    if (!(e instanceof NhnFailure)) throw e;
    if (scopeOf(c.method, c.sub) === 'send') recordRefusedCall(state, c.bodyText, e, c.idempotencyKey);
    return { header: header(e.code, e.message) };
  }
}

export async function startFakeNhnServer(opts: FakeNhnOptions): Promise<FakeNhnServer> {
  const state = new FakeState(
    {
      appKey: opts.appKey,
      secretKey: opts.secretKey,
      senderKey: opts.senderKey,
      deliveryDelayMs: opts.deliveryDelayMs ?? 2000,
      idempotencyTtlMs: opts.idempotencyTtlMs ?? 10 * 60 * 1000,
      maxStoredMessages: opts.maxStoredMessages ?? 100_000,
      nonKakaoNumbers: new Map(Object.entries(opts.nonKakaoNumbers ?? SANDBOX_NON_KAKAO_NUMBERS)),
    },
    opts.templates ?? sandboxTemplates,
  );
  const { faults } = state;
  const log = opts.log;
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** true when the fault answered (or dropped) the call itself. */
  async function applyFault(
    fault: ResolvedFault,
    req: IncomingMessage,
    res: ServerResponse,
    gone: () => boolean,
  ) {
    log?.(`  fault: ${fault.kind}`);
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return true;
    }
    if (fault.kind === 'http500') {
      sendJson(res, fault.status, { header: header(-9999, 'Internal Server Error (injected)') });
      return true;
    }
    if (fault.kind === 'nhnError') {
      sendJson(res, 200, { header: header(fault.resultCode, `Injected error ${fault.resultCode}`) });
      return true;
    }
    if (fault.kind === 'slow') {
      await sleep(fault.delayMs);
      if (gone() || res.destroyed) return true;
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const path = url.pathname;
    let clientGone = false;
    res.on('close', () => {
      if (!res.writableEnded) clientGone = true;
    });
    const bodyText = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);

    if (path.startsWith('/_fake/')) return handleControl(state, method, path, bodyText, res);

    const m = API_PREFIX.exec(path);
    if (!m) return sendJson(res, 404, { header: header(-9998, `Not found: ${path}`) });
    const sub = m[2] ?? '/';
    log?.(`${method} ${sub}${url.search ? '?' + url.search.slice(1) : ''}`);

    const fault = faults.take(scopeOf(method, sub));
    if (fault && (await applyFault(fault, req, res, () => clientGone))) return;

    const idem = req.headers['x-nc-api-idempotency-key'];
    const result = answerApi(state, req, decodeURIComponent(m[1]!), {
      method,
      sub,
      q: url.searchParams,
      bodyText,
      idempotencyKey: typeof idem === 'string' && idem ? idem : null,
    });
    if (fault?.kind === 'dropAfterProcess') {
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log?.(`fake NHN internal error: ${e instanceof Error ? e.message : String(e)}`);
      sendJson(res, 500, { header: header(-9999, 'fake server internal error') });
    });
  });
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host}:${addr.port}`;

  return {
    url,
    port: addr.port,
    faults,
    received: () =>
      state.received.map((r) => ({
        ...r,
        templateParameter: { ...r.templateParameter },
        resendParameter: r.resendParameter ? { ...r.resendParameter } : null,
      })),
    reset: () => state.reset(),
    scriptDelivery(recipientNo, resultCode) {
      state.deliveryScripts.set(recipientNo, resultCode);
    },
    setNonKakao(recipientNo, fallback = 'sent', options = {}) {
      state.nonKakao.set(recipientNo, fallback);
      if (options.reportAfterMs) state.lateFallbacks.set(recipientNo, options.reportAfterMs);
      else state.lateFallbacks.delete(recipientNo);
    },
    upsertTemplate: (t) => state.upsertTemplate(t),
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
    },
  };
}
