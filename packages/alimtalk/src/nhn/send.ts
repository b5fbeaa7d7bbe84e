// POST /messages: a batch of any size as ≤ 1,000-recipient calls, each recipient's outcome classified.
import { ProviderError, classifyNhnCode } from '../errors.ts';
import { formatKst } from '../kst.ts';
import type {
  ErrorKind,
  RecipientResult,
  SendBatchRequest,
  SendBatchResult,
  SendRecipient,
} from '../types.ts';
import { parseResponse, type NhnCall } from './transport.ts';
import { sendResponseSchema, type NhnHeader, type NhnSendResult } from './wire.ts';

/** NHN accepts 1 to 1,000 recipients per send call. */
export const NHN_MAX_RECIPIENTS_PER_CALL = 1000;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function recipientKind(code: number): ErrorKind | undefined {
  const c = classifyNhnCode(code);
  if (c === 'ok') return undefined;
  return c === 'all_failed' ? 'permanent' : c;
}

/** NHN's result line for recipient i: by position, unless its grouping key says otherwise. */
function resultLineFor(r: SendRecipient, i: number, sendResults: NhnSendResult[]): NhnSendResult | undefined {
  let sr: NhnSendResult | undefined = sendResults[i];
  if (sr && sr.recipientGroupingKey && sr.recipientGroupingKey !== r.recipientGroupingKey) sr = undefined;
  return (
    sr ??
    sendResults.find(
      (s) => s.recipientGroupingKey === r.recipientGroupingKey && s.recipientNo === r.recipientNo,
    ) ??
    sendResults.find((s) => s.recipientSeq === i + 1)
  );
}

function recipientResult(
  r: SendRecipient,
  i: number,
  sr: NhnSendResult | undefined,
  header: NhnHeader,
  requestId: string | null,
): RecipientResult {
  const allFailed = header.resultCode === -1031;
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
}

async function sendChunk(
  call: NhnCall,
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
      ...(r.resendParameter ? { resendParameter: r.resendParameter } : {}),
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
  const msg = parseResponse(sendResponseSchema, json, 'sendBatch').message;
  const requestId = header.resultCode === -1031 ? null : (msg?.requestId ?? null);
  const sendResults = msg?.sendResults ?? [];
  return recipients.map((r, i) => recipientResult(r, i, resultLineFor(r, i, sendResults), header, requestId));
}

export async function sendBatch(call: NhnCall, req: SendBatchRequest): Promise<SendBatchResult> {
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
      results.push(...(await sendChunk(call, req, part, key)));
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
