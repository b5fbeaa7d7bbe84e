// POST /messages: NHN's checks on the call, then on each recipient line; accepted lines are stored for delivery.
import { randomBytes } from 'node:crypto';
import { formatKst, parseKst } from '../../kst.ts';
import { renderTemplateContent, templateVariables } from '../../template-vars.ts';
import { NhnFailure, header, ok, type Json } from '../protocol.ts';
import type { FakeResend, FakeState, FallbackOutcome } from '../state.ts';

const MAX_CONTENT = 1300;

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

const asObject = (v: unknown): Record<string, unknown> =>
  (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;

interface Line {
  seq: number;
  recipientNo: string;
  rgk: string | null;
  params: Record<string, string>;
  code: number;
  message: string;
  content: string | null;
  resend: FakeResend | null;
}

/** NHN's not-a-KakaoTalk-user delivery code. */
export const NOT_KAKAO_USER_CODE = '3019';

function readResend(v: unknown): FakeResend | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? r[k] : null);
  return {
    isResend: r.isResend === true || r.isResend === 'true',
    resendType: str('resendType'),
    resendTitle: str('resendTitle'),
    resendContent: str('resendContent'),
    resendSendNo: str('resendSendNo'),
  };
}

/** A fallback NHN could send: SMS or LMS, a digits-only sender number and some text; anything else fails. */
function fallbackOf(resend: FakeResend | null, outcome: FallbackOutcome): FallbackOutcome | null {
  if (!resend?.isResend) return null;
  const sendable =
    (resend.resendType === 'SMS' || resend.resendType === 'LMS') &&
    /^\d{8,13}$/.test(resend.resendSendNo ?? '') &&
    (resend.resendContent ?? '') !== '';
  return sendable ? outcome : 'failed';
}

function parseBody(bodyText: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new NhnFailure(-3002, 'Field is not valid. (request body cannot be read)');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NhnFailure(-3002, 'Field is not valid. (request body cannot be read)');
  }
  return body as Record<string, unknown>;
}

/** The whole-call checks, in NHN's order; a failure refuses the call with its code. */
function checkCall(state: FakeState, b: Record<string, unknown>, now: number) {
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
  if (list.length < 1) throw new NhnFailure(-2003, "The 'recipientList' must be greater than or equal to 1.");
  if (list.length > 1000) throw new NhnFailure(-2004, "The 'recipientList' must be between 1 and 1000.");
  if (senderKey !== state.config.senderKey) throw new NhnFailure(-2017, 'Not exist plus friend.');
  const template = state.templates.get(templateCode);
  if (!template) throw new NhnFailure(-3003, 'Template does not exist.');
  if (template.status !== 'TSC03') throw new NhnFailure(-3005, 'Please check template status.');
  return { senderKey, templateCode, senderGroupingKey, requestDate, list: list as unknown[], template };
}

/** One recipient line: refused with NHN's per-recipient code, or accepted with its rendered content. */
function checkLine(item: unknown, i: number, templateContent: string, vars: string[]): Line {
  const seq = i + 1;
  const r = asObject(item);
  const recipientNo =
    typeof r.recipientNo === 'string'
      ? r.recipientNo
      : typeof r.recipientNo === 'number'
        ? String(r.recipientNo)
        : '';
  const rgk = typeof r.recipientGroupingKey === 'string' ? r.recipientGroupingKey : null;
  const rawParams = r.templateParameter ?? {};
  const params: Record<string, string> = {};
  const resend = readResend(r.resendParameter);
  const refuse = (code: number, message: string): Line => ({
    seq,
    recipientNo,
    rgk,
    params,
    code,
    message,
    content: null,
    resend,
  });
  if (!recipientNo) return refuse(-2001, "The 'recipientNo' must not be blank.");
  if (recipientNo.length > 15) return refuse(-2000, "The 'recipientNo' must be at less than or equal to 15.");
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
  const content = renderTemplateContent(templateContent, params);
  if ([...content].length > MAX_CONTENT)
    return refuse(-2019, 'The message content must be at less than or equal to 1300.');
  return { seq, recipientNo, rgk, params, code: 0, message: 'SUCCESS', content, resend };
}

export function sendMessages(
  state: FakeState,
  bodyText: string,
  idempotencyKey: string | null,
  now: number,
): Json {
  if (idempotencyKey) {
    const until = state.idempotency.get(idempotencyKey);
    if (until !== undefined && until > now) {
      throw new NhnFailure(-1005, "The same 'X-NC-API-IDEMPOTENCY-KEY' was used within the last 10 minute.");
    }
  }
  const call = checkCall(state, parseBody(bodyText), now);
  const { senderKey, templateCode, senderGroupingKey, requestDate } = call;
  const vars = templateVariables(call.template.templateContent);
  const lines = call.list.map((item, i) => checkLine(item, i, call.template.templateContent, vars));

  const receivedAt = new Date(now).toISOString();
  const requestId = newRequestId(now);
  const allFailed = lines.every((l) => l.code !== 0);
  for (const l of lines) {
    const common = {
      recipientSeq: l.seq,
      recipientNo: l.recipientNo,
      senderKey,
      templateCode,
      templateParameter: l.params,
      recipientGroupingKey: l.rgk,
      senderGroupingKey,
    };
    const notKakao = state.nonKakao.get(l.recipientNo);
    state.received.push({
      ...common,
      requestId: allFailed ? null : requestId,
      content: l.content,
      resendParameter: l.resend,
      idempotencyKey,
      accepted: l.code === 0 && !allFailed,
      resultCode: l.code,
      resultMessage: l.message,
      receivedAt,
    });
    if (l.code === 0 && l.content !== null) {
      const deliverAt = requestDate + state.config.deliveryDelayMs;
      state.messages.push({
        ...common,
        requestId,
        content: l.content,
        requestDate,
        createDate: now,
        deliverAt,
        finalCode: notKakao ? NOT_KAKAO_USER_CODE : (state.deliveryScripts.get(l.recipientNo) ?? '1000'),
        fallback: notKakao ? fallbackOf(l.resend, notKakao) : null,
        fallbackAt: deliverAt + (state.lateFallbacks.get(l.recipientNo) ?? 0),
      });
    }
  }
  state.trim();
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
    if (state.idempotency.size >= 1000)
      for (const [k, until] of state.idempotency) if (until <= now) state.idempotency.delete(k);
    state.idempotency.set(idempotencyKey, now + state.config.idempotencyTtlMs);
  }
  return { header: ok(), message: { requestId, senderGroupingKey, sendResults } };
}

/** A send refused as a whole still shows up in `received()` (one line per recipient, accepted: false). */
export function recordRefusedCall(
  state: FakeState,
  bodyText: string,
  e: NhnFailure,
  idempotencyKey: string | null,
): void {
  let b: Record<string, unknown> = {};
  try {
    b = asObject(JSON.parse(bodyText));
  } catch {
    /* unreadable body: nothing to record per recipient */
  }
  const list = Array.isArray(b.recipientList) ? (b.recipientList as unknown[]) : [];
  const receivedAt = new Date().toISOString();
  list.forEach((item, i) => {
    const r = asObject(item);
    state.received.push({
      requestId: null,
      recipientSeq: i + 1,
      recipientNo: typeof r.recipientNo === 'string' ? r.recipientNo : '',
      senderKey: typeof b.senderKey === 'string' ? b.senderKey : '',
      templateCode: typeof b.templateCode === 'string' ? b.templateCode : '',
      templateParameter: asObject(r.templateParameter) as Record<string, string>,
      content: null,
      recipientGroupingKey: typeof r.recipientGroupingKey === 'string' ? r.recipientGroupingKey : null,
      senderGroupingKey: typeof b.senderGroupingKey === 'string' ? b.senderGroupingKey : null,
      resendParameter: readResend(r.resendParameter),
      idempotencyKey,
      accepted: false,
      resultCode: e.code,
      resultMessage: e.message,
      receivedAt,
    });
  });
}
