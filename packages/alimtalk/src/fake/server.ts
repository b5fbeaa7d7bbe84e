/**
 * A fake NHN Cloud AlimTalk v2.3 server: same paths, headers and bodies as the real API (see
 * shared/docs/nhn-alimtalk-api.md), with in-memory state, delayed delivery results, scripted delivery failures,
 * fault injection, and `/_fake/*` control endpoints so a separately running fake can be driven over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatKst, parseKst } from '../kst.ts';
import { renderTemplateContent, templateVariables } from '../template-vars.ts';
import { FaultController, type FailureRateSpec, type FaultSpec, type ResolvedFault } from './faults.ts';
import {
  parseFakeTemplates,
  sandboxTemplates,
  TEMPLATE_STATUS_NAMES,
  type FakeTemplate,
} from './templates.ts';

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
}

/** Every recipient line of every send the fake received (after the appkey / secret / content-type checks). */
export interface ReceivedMessage {
  requestId: string | null;
  recipientSeq: number;
  recipientNo: string;
  senderKey: string;
  templateCode: string;
  templateParameter: Record<string, string>;
  /** Rendered content when the recipient was accepted. */
  content: string | null;
  recipientGroupingKey: string | null;
  senderGroupingKey: string | null;
  idempotencyKey: string | null;
  accepted: boolean;
  /** NHN code: 0 accepted, negative refused (the whole-call code when the call itself was refused). */
  resultCode: number;
  resultMessage: string;
  receivedAt: string;
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
  /** Add or replace a template (e.g. to approve one mid-test). */
  upsertTemplate(t: FakeTemplate): void;
}

interface StoredMessage {
  requestId: string;
  recipientSeq: number;
  recipientNo: string;
  senderKey: string;
  templateCode: string;
  templateParameter: Record<string, string>;
  content: string;
  recipientGroupingKey: string | null;
  senderGroupingKey: string | null;
  requestDate: number;
  createDate: number;
  deliverAt: number;
  finalCode: string;
}

type Json = Record<string, unknown>;

const API_PREFIX = /^\/alimtalk\/v2\.3\/appkeys\/([^/]+)(\/.*)?$/;
const MAX_CONTENT = 1300;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

const DELIVERY_CODE_NAMES: Record<string, string> = {
  '1000': '성공',
  '2001': '시스템 오류',
  '3005': '메시지 전송 결과 미확인',
  '3015': '템플릿 없음',
  '3016': '템플릿 불일치',
  '3018': '메시지를 전송할 수 없음',
  '3019': '톡 유저 아님',
  '3020': '알림톡 수신 차단',
  '9999': '시스템 오류',
};

class NhnFailure {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

const header = (resultCode: number, resultMessage: string) => ({
  resultCode,
  resultMessage,
  isSuccessful: resultCode === 0,
});

/** Korean mobile (01X…) or other digit-only numbers of 9–15 digits; the fake refuses anything else. */
export function isValidRecipientNo(no: string): boolean {
  if (!/^\d{9,15}$/.test(no)) return false;
  if (no.startsWith('01')) return /^01[016789]\d{7,8}$/.test(no);
  return true;
}

function newRequestId(now: number): string {
  const stamp = formatKst(new Date(now)).replace(/\D/g, '');
  return stamp + randomBytes(8).toString('base64url').replace(/[-_]/g, '0').slice(0, 10);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isJsonContentType(ct: string | undefined): boolean {
  return !!ct && /^application\/json\s*(;|$)/i.test(ct.trim());
}

export async function startFakeNhnServer(opts: FakeNhnOptions): Promise<FakeNhnServer> {
  const initialTemplates = parseFakeTemplates(opts.templates ?? sandboxTemplates);
  const deliveryDelayMs = opts.deliveryDelayMs ?? 2000;
  const idempotencyTtlMs = opts.idempotencyTtlMs ?? 10 * 60 * 1000;
  const faults = new FaultController();
  const log = opts.log;
  const maxStored = opts.maxStoredMessages ?? 100_000;

  let templates = new Map<string, FakeTemplate>();
  let messages: StoredMessage[] = [];
  let received: ReceivedMessage[] = [];
  let idempotency = new Map<string, number>();
  let deliveryScripts = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();

  const resetState = () => {
    templates = new Map(initialTemplates.map((t) => [t.templateCode, structuredClone(t)]));
    messages = [];
    received = [];
    idempotency = new Map();
    deliveryScripts = new Map();
    faults.clear();
    faults.resetCount();
  };
  resetState();

  const statusOf = (m: StoredMessage, now: number) => {
    if (now < m.deliverAt)
      return { messageStatus: 'READY', resultCode: null, updateDate: m.createDate, final: false };
    return {
      messageStatus: m.finalCode === '1000' ? 'COMPLETED' : 'FAILED',
      resultCode: m.finalCode,
      updateDate: m.deliverAt,
      final: true,
    };
  };

  const messageJson = (m: StoredMessage, now: number, detail: boolean) => {
    const s = statusOf(m, now);
    return {
      requestId: m.requestId,
      recipientSeq: m.recipientSeq,
      plusFriendId: '@sandbox',
      senderKey: m.senderKey,
      templateCode: m.templateCode,
      recipientNo: m.recipientNo,
      ...(detail ? { content: m.content, templateParameter: m.templateParameter } : {}),
      requestDate: formatKst(new Date(m.requestDate)),
      receiveDate: s.final ? formatKst(new Date(m.deliverAt)) : null,
      createDate: formatKst(new Date(m.createDate)),
      resendStatus: 'RSC01',
      resendStatusName: '대체 발송 미사용',
      messageStatus: s.messageStatus,
      resultCode: s.resultCode,
      resultCodeName: s.resultCode ? (DELIVERY_CODE_NAMES[s.resultCode] ?? '실패') : null,
      senderGroupingKey: m.senderGroupingKey,
      recipientGroupingKey: m.recipientGroupingKey,
    };
  };

  const templateJson = (t: FakeTemplate) => ({
    templateMessageType: 'BA',
    templateEmphasizeType: 'NONE',
    templateTitle: null,
    templateHeader: null,
    buttons: [],
    quickReplies: [],
    ...t,
    statusName: t.statusName ?? TEMPLATE_STATUS_NAMES[t.status],
  });

  // ---------------------------------------------------------------- API handlers

  function parseWindow(q: URLSearchParams, startKey: string, endKey: string): [number, number] {
    const s = q.get(startKey);
    const e = q.get(endKey);
    if (!s) throw new NhnFailure(-2001, `The '${startKey}' must not be blank.`);
    if (!e) throw new NhnFailure(-2001, `The '${endKey}' must not be blank.`);
    const sd = parseKst(s);
    const ed = parseKst(e);
    if (!sd || !ed) throw new NhnFailure(-4000, 'Invalid parameter (date format: yyyy-MM-dd HH:mm[:ss])');
    // the end is inclusive at its own precision
    const endInclusive = ed.getTime() + (e.trim().length <= 16 ? 60_000 : 1000) - 1;
    if (endInclusive < sd.getTime()) throw new NhnFailure(-4000, 'Invalid parameter (end before start)');
    if (endInclusive - sd.getTime() > MAX_WINDOW_MS)
      throw new NhnFailure(-4003, 'Search is possible within 31 days.');
    return [sd.getTime(), endInclusive];
  }

  function paging(q: URLSearchParams, max = 1000): { pageNum: number; pageSize: number } {
    const pageNum = q.get('pageNum') ? Number(q.get('pageNum')) : 1;
    const pageSize = q.get('pageSize') ? Number(q.get('pageSize')) : 15;
    if (!Number.isInteger(pageNum) || pageNum < 1)
      throw new NhnFailure(-2003, "The 'pageNum' must be greater than or equal to 1.");
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max)
      throw new NhnFailure(-2004, `The 'pageSize' must be between 1 and ${max}.`);
    return { pageNum, pageSize };
  }

  function page<T>(items: T[], q: URLSearchParams): { items: T[]; totalCount: number } {
    const { pageNum, pageSize } = paging(q);
    return { items: items.slice((pageNum - 1) * pageSize, pageNum * pageSize), totalCount: items.length };
  }

  function handleSend(bodyText: string, idempotencyKey: string | null, now: number): Json {
    if (idempotencyKey) {
      const until = idempotency.get(idempotencyKey);
      if (until !== undefined && until > now) {
        throw new NhnFailure(
          -1005,
          "The same 'X-NC-API-IDEMPOTENCY-KEY' was used within the last 10 minute.",
        );
      }
    }
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      throw new NhnFailure(-3002, 'Field is not valid. (request body cannot be read)');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new NhnFailure(-3002, 'Field is not valid. (request body cannot be read)');
    }
    const b = body as Record<string, unknown>;
    const str = (k: string): string | undefined => {
      const v = b[k];
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
    };
    const senderKey = str('senderKey');
    const templateCode = str('templateCode');
    const senderGroupingKey = str('senderGroupingKey') ?? null;
    if (!senderKey) throw new NhnFailure(-2001, "The 'senderKey' must not be blank.");
    if (senderKey.length > 40)
      throw new NhnFailure(-2000, "The 'senderKey' must be at less than or equal to 40.");
    if (!templateCode) throw new NhnFailure(-2001, "The 'templateCode' must not be blank.");
    if (templateCode.length > 20)
      throw new NhnFailure(-2000, "The 'templateCode' must be at less than or equal to 20.");
    if (senderGroupingKey && senderGroupingKey.length > 100)
      throw new NhnFailure(-2000, "The 'senderGroupingKey' must be at less than or equal to 100.");
    let requestDate = now;
    const rd = str('requestDate');
    if (rd) {
      const d = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(rd) ? parseKst(rd) : null;
      if (!d) throw new NhnFailure(-4000, "Invalid parameter ('requestDate' format is yyyy-MM-dd HH:mm)");
      requestDate = Math.max(now, d.getTime());
    }
    const list = b.recipientList;
    if (list == null) throw new NhnFailure(-2002, "The 'recipientList' must not be null.");
    if (!Array.isArray(list))
      throw new NhnFailure(-3002, "Field is not valid. ('recipientList' must be an array)");
    if (list.length < 1)
      throw new NhnFailure(-2003, "The 'recipientList' must be greater than or equal to 1.");
    if (list.length > 1000) throw new NhnFailure(-2004, "The 'recipientList' must be between 1 and 1000.");
    if (senderKey !== opts.senderKey) throw new NhnFailure(-2017, 'Not exist plus friend.');
    const template = templates.get(templateCode);
    if (!template) throw new NhnFailure(-3003, 'Template does not exist.');
    if (template.status !== 'TSC03') throw new NhnFailure(-3005, 'Please check template status.');
    const vars = templateVariables(template.templateContent);

    const receivedAt = new Date(now).toISOString();
    const requestId = newRequestId(now);
    const lines = list.map((item: unknown, i) => {
      const seq = i + 1;
      const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      const recipientNo =
        typeof r.recipientNo === 'string'
          ? r.recipientNo
          : typeof r.recipientNo === 'number'
            ? String(r.recipientNo)
            : '';
      const rgk = typeof r.recipientGroupingKey === 'string' ? r.recipientGroupingKey : null;
      const rawParams = r.templateParameter ?? {};
      const params: Record<string, string> = {};
      const refuse = (code: number, message: string) => ({
        seq,
        recipientNo,
        rgk,
        params,
        code,
        message,
        content: null,
      });
      if (!recipientNo) return refuse(-2001, "The 'recipientNo' must not be blank.");
      if (recipientNo.length > 15)
        return refuse(-2000, "The 'recipientNo' must be at less than or equal to 15.");
      if (!isValidRecipientNo(recipientNo)) return refuse(-4019, 'Invalid recipientNo.');
      if (rgk && rgk.length > 100)
        return refuse(-2000, "The 'recipientGroupingKey' must be at less than or equal to 100.");
      if (typeof rawParams !== 'object' || rawParams === null || Array.isArray(rawParams))
        return refuse(-3004, 'Please check template parameter.');
      for (const [k, v] of Object.entries(rawParams as Record<string, unknown>)) {
        if (typeof v !== 'string' && typeof v !== 'number')
          return refuse(-3004, 'Please check template parameter.');
        params[k] = String(v);
      }
      for (const [k, v] of Object.entries(params)) {
        if (v.length > MAX_CONTENT)
          return refuse(-3048, `The template parameter '${k}' must be at less than or equal to 1300.`);
      }
      const missing = vars.filter((v) => !Object.hasOwn(params, v));
      if (missing.length)
        return refuse(
          -3049,
          `The template parameter does not match the template. (missing: ${missing.join(', ')})`,
        );
      const content = renderTemplateContent(template.templateContent, params);
      if ([...content].length > MAX_CONTENT)
        return refuse(-2019, 'The message content must be at less than or equal to 1300.');
      return { seq, recipientNo, rgk, params, code: 0, message: 'SUCCESS', content };
    });

    const allFailed = lines.every((l) => l.code !== 0);
    for (const l of lines) {
      received.push({
        requestId: allFailed ? null : requestId,
        recipientSeq: l.seq,
        recipientNo: l.recipientNo,
        senderKey,
        templateCode,
        templateParameter: l.params,
        content: l.content,
        recipientGroupingKey: l.rgk,
        senderGroupingKey,
        idempotencyKey,
        accepted: l.code === 0 && !allFailed,
        resultCode: l.code,
        resultMessage: l.message,
        receivedAt,
      });
      if (l.code === 0 && l.content !== null) {
        messages.push({
          requestId,
          recipientSeq: l.seq,
          recipientNo: l.recipientNo,
          senderKey,
          templateCode,
          templateParameter: l.params,
          content: l.content,
          recipientGroupingKey: l.rgk,
          senderGroupingKey,
          requestDate,
          createDate: now,
          deliverAt: requestDate + deliveryDelayMs,
          finalCode: deliveryScripts.get(l.recipientNo) ?? '1000',
        });
      }
    }
    if (messages.length > maxStored) messages.splice(0, messages.length - maxStored);
    if (received.length > maxStored) received.splice(0, received.length - maxStored);
    const sendResults = lines.map((l) => ({
      recipientSeq: l.seq,
      recipientNo: l.recipientNo,
      resultCode: l.code,
      resultMessage: l.message,
      recipientGroupingKey: l.rgk,
    }));
    if (allFailed) {
      return {
        header: header(-1031, 'All recipients failed.'),
        message: { requestId: null, senderGroupingKey, sendResults },
      };
    }
    if (idempotencyKey) {
      if (idempotency.size >= 1000)
        for (const [k, until] of idempotency) if (until <= now) idempotency.delete(k);
      idempotency.set(idempotencyKey, now + idempotencyTtlMs);
    }
    return { header: header(0, 'SUCCESS'), message: { requestId, senderGroupingKey, sendResults } };
  }

  function handleSearchMessages(q: URLSearchParams, now: number): Json {
    const requestId = q.get('requestId');
    let items: StoredMessage[];
    if (requestId) {
      items = messages.filter((m) => m.requestId === requestId);
    } else {
      const [s, e] = parseWindow(q, 'startRequestDate', 'endRequestDate');
      items = messages.filter((m) => m.requestDate >= s && m.requestDate <= e);
    }
    for (const key of ['recipientGroupingKey', 'senderGroupingKey', 'templateCode', 'recipientNo'] as const) {
      const v = q.get(key);
      if (v) items = items.filter((m) => m[key] === v);
    }
    const status = q.get('messageStatus');
    if (status) items = items.filter((m) => statusOf(m, now).messageStatus === status);
    const p = page(items, q);
    return {
      header: header(0, 'SUCCESS'),
      messageSearchResultResponse: {
        messages: p.items.map((m) => messageJson(m, now, false)),
        totalCount: p.totalCount,
      },
    };
  }

  function handleMessageResults(q: URLSearchParams, now: number): Json {
    const [s, e] = parseWindow(q, 'startUpdateDate', 'endUpdateDate');
    const items = messages
      .filter((m) => {
        const st = statusOf(m, now);
        return st.final && st.updateDate >= s && st.updateDate <= e;
      })
      .sort((a, b) => a.deliverAt - b.deliverAt);
    const p = page(items, q);
    return {
      header: header(0, 'SUCCESS'),
      messages: p.items.map((m) => {
        const j = messageJson(m, now, false);
        return {
          requestId: j.requestId,
          recipientSeq: j.recipientSeq,
          recipientNo: j.recipientNo,
          recipientGroupingKey: j.recipientGroupingKey,
          messageStatus: j.messageStatus,
          resultCode: j.resultCode,
          resultCodeName: j.resultCodeName,
          receiveDate: j.receiveDate,
          resendStatus: j.resendStatus,
          resendResultCode: null,
        };
      }),
      totalCount: p.totalCount,
    };
  }

  function handleApi(
    method: string,
    sub: string,
    q: URLSearchParams,
    bodyText: string,
    idem: string | null,
  ): Json {
    const now = Date.now();
    let m: RegExpExecArray | null;
    if (method === 'POST' && sub === '/messages') return handleSend(bodyText, idem, now);
    if (method === 'GET' && sub === '/messages') return handleSearchMessages(q, now);
    if (method === 'GET' && sub === '/message-results') return handleMessageResults(q, now);
    if (method === 'GET' && (m = /^\/messages\/([^/]+)\/([^/]+)$/.exec(sub))) {
      const requestId = decodeURIComponent(m[1]!);
      const seq = Number(m[2]);
      const found = messages.find((x) => x.requestId === requestId && x.recipientSeq === seq);
      if (!found) throw new NhnFailure(-1016, 'Not exist message.');
      return { header: header(0, 'SUCCESS'), message: messageJson(found, now, true) };
    }
    if (method === 'GET' && (m = /^\/senders\/([^/]+)\/templates(?:\/([^/]+))?$/.exec(sub))) {
      const senderKey = decodeURIComponent(m[1]!);
      if (senderKey !== opts.senderKey) throw new NhnFailure(-2017, 'Not exist plus friend.');
      if (m[2] !== undefined) {
        const t = templates.get(decodeURIComponent(m[2]));
        if (!t) throw new NhnFailure(-3003, 'Template does not exist.');
        return { header: header(0, 'SUCCESS'), templates: templateJson(t) };
      }
      let list = [...templates.values()];
      const code = q.get('templateCode');
      const status = q.get('templateStatus');
      if (code) list = list.filter((t) => t.templateCode === code);
      if (status) list = list.filter((t) => t.status === status);
      const p = page(list, q);
      return {
        header: header(0, 'SUCCESS'),
        templateListResponse: { templates: p.items.map(templateJson), totalCount: p.totalCount },
      };
    }
    throw new NhnFailure(-9998, `No API at ${method} ${sub}`);
  }

  // ---------------------------------------------------------------- control endpoints

  function handleControl(method: string, path: string, bodyText: string, res: ServerResponse): void {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    let body: unknown = undefined;
    if (bodyText) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return json(400, { error: 'invalid JSON' });
      }
    }
    try {
      if (method === 'GET' && path === '/_fake/messages') return json(200, { messages: received });
      if (method === 'GET' && path === '/_fake/faults') return json(200, faults.snapshot());
      if (method === 'DELETE' && path === '/_fake/faults') {
        faults.clear();
        return json(200, faults.snapshot());
      }
      if (method === 'POST' && path === '/_fake/faults') {
        const b = (body ?? {}) as {
          clear?: boolean;
          failureRate?: FailureRateSpec | null;
          faults?: FaultSpec[];
        } & Partial<FaultSpec>;
        if (b.clear) faults.clear();
        if (b.failureRate !== undefined) faults.setFailureRate(b.failureRate);
        for (const f of b.faults ?? []) faults.inject(f);
        if (b.kind !== undefined) faults.inject(b as FaultSpec);
        return json(200, faults.snapshot());
      }
      if (method === 'POST' && path === '/_fake/reset') {
        resetState();
        return json(200, { ok: true });
      }
      if (method === 'POST' && path === '/_fake/delivery-script') {
        const b = (body ?? {}) as { recipientNo?: unknown; resultCode?: unknown };
        if (typeof b.recipientNo !== 'string' || typeof b.resultCode !== 'string')
          return json(400, { error: 'recipientNo and resultCode (strings) are required' });
        deliveryScripts.set(b.recipientNo, b.resultCode);
        return json(200, { ok: true });
      }
      if (method === 'GET' && path === '/_fake/templates')
        return json(200, { templates: [...templates.values()] });
      if (method === 'POST' && path === '/_fake/templates') {
        const [t] = parseFakeTemplates([body]);
        templates.set(t!.templateCode, t!);
        return json(200, { ok: true });
      }
      return json(404, { error: `no control endpoint ${method} ${path}` });
    } catch (e) {
      return json(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  // ---------------------------------------------------------------- HTTP plumbing

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(body));
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const path = url.pathname;
    let clientGone = false;
    res.on('close', () => {
      if (!res.writableEnded) clientGone = true;
    });
    const bodyText = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);

    if (path.startsWith('/_fake/')) return handleControl(method, path, bodyText, res);

    const m = API_PREFIX.exec(path);
    if (!m) return sendJson(res, 404, { header: header(-9998, `Not found: ${path}`) });
    const appKey = decodeURIComponent(m[1]!);
    const sub = m[2] ?? '/';
    const scope = sub.startsWith('/senders/')
      ? 'templates'
      : method === 'POST' && sub === '/messages'
        ? 'send'
        : 'messages';

    log?.(`${method} ${sub}${url.search ? '?' + url.search.slice(1) : ''}`);

    const fault: ResolvedFault | null = faults.take(scope);
    if (fault) {
      log?.(`  fault: ${fault.kind}`);
      if (fault.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'http500') {
        return sendJson(res, fault.status, { header: header(-9999, 'Internal Server Error (injected)') });
      }
      if (fault.kind === 'nhnError') {
        return sendJson(res, 200, { header: header(fault.resultCode, `Injected error ${fault.resultCode}`) });
      }
      if (fault.kind === 'slow') {
        await sleep(fault.delayMs);
        if (clientGone || res.destroyed) return;
      }
    }

    let result: Json;
    if (appKey !== opts.appKey) result = { header: header(-1000, 'Invalid appKey.') };
    else if (req.headers['x-secret-key'] !== opts.secretKey)
      result = { header: header(-1001, 'Invalid secretKey.') };
    else if (
      (method === 'POST' || req.headers['content-type']) &&
      !isJsonContentType(req.headers['content-type'])
    )
      result = { header: header(-9996, 'Content-Type is not application/json.') };
    else {
      const idem = req.headers['x-nc-api-idempotency-key'];
      try {
        result = handleApi(
          method,
          sub,
          url.searchParams,
          bodyText,
          typeof idem === 'string' && idem ? idem : null,
        );
      } catch (e) {
        if (!(e instanceof NhnFailure)) throw e;
        result = { header: header(e.code, e.message) };
        if (scope === 'send') recordRefusedCall(bodyText, e, typeof idem === 'string' && idem ? idem : null);
      }
    }

    if (fault?.kind === 'dropAfterProcess') {
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, result);
  }

  /** A send refused as a whole still shows up in `received()` (one line per recipient, accepted: false). */
  function recordRefusedCall(bodyText: string, e: NhnFailure, idempotencyKey: string | null): void {
    let b: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (typeof parsed === 'object' && parsed !== null) b = parsed as Record<string, unknown>;
    } catch {
      /* unreadable body: nothing to record per recipient */
    }
    const list = Array.isArray(b.recipientList) ? (b.recipientList as unknown[]) : [];
    const receivedAt = new Date().toISOString();
    list.forEach((item, i) => {
      const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      received.push({
        requestId: null,
        recipientSeq: i + 1,
        recipientNo: typeof r.recipientNo === 'string' ? r.recipientNo : '',
        senderKey: typeof b.senderKey === 'string' ? b.senderKey : '',
        templateCode: typeof b.templateCode === 'string' ? b.templateCode : '',
        templateParameter: (typeof r.templateParameter === 'object' && r.templateParameter !== null
          ? r.templateParameter
          : {}) as Record<string, string>,
        content: null,
        recipientGroupingKey: typeof r.recipientGroupingKey === 'string' ? r.recipientGroupingKey : null,
        senderGroupingKey: typeof b.senderGroupingKey === 'string' ? b.senderGroupingKey : null,
        idempotencyKey,
        accepted: false,
        resultCode: e.code,
        resultMessage: e.message,
        receivedAt,
      });
    });
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
    received: () => received.map((r) => ({ ...r, templateParameter: { ...r.templateParameter } })),
    reset: resetState,
    scriptDelivery(recipientNo, resultCode) {
      deliveryScripts.set(recipientNo, resultCode);
    },
    upsertTemplate(t) {
      const [parsed] = parseFakeTemplates([t]);
      templates.set(parsed!.templateCode, parsed!);
    },
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
