// GET /messages (search by requestId or request-date window) and GET /messages/{requestId}/{recipientSeq}.
import { messageJson, statusOf } from '../message-view.ts';
import { NhnFailure, ok, page, parseWindow, type Json } from '../protocol.ts';
import type { FakeState, StoredMessage } from '../state.ts';

export function searchMessages(state: FakeState, q: URLSearchParams, now: number): Json {
  const requestId = q.get('requestId');
  let items: StoredMessage[];
  if (requestId) {
    items = state.messages.filter((m) => m.requestId === requestId);
  } else {
    const [s, e] = parseWindow(q, 'startRequestDate', 'endRequestDate');
    items = state.messages.filter((m) => m.requestDate >= s && m.requestDate <= e);
  }
  for (const key of ['recipientGroupingKey', 'senderGroupingKey', 'templateCode', 'recipientNo'] as const) {
    const v = q.get(key);
    if (v) items = items.filter((m) => m[key] === v);
  }
  const status = q.get('messageStatus');
  if (status) items = items.filter((m) => statusOf(m, now).messageStatus === status);
  const p = page(items, q, state.faults.ignoresPaging);
  return {
    header: ok(),
    messageSearchResultResponse: {
      messages: p.items.map((m) => messageJson(m, now, false)),
      totalCount: p.totalCount,
    },
  };
}

export function getMessage(state: FakeState, requestId: string, recipientSeq: number, now: number): Json {
  const found = state.messages.find((x) => x.requestId === requestId && x.recipientSeq === recipientSeq);
  if (!found) throw new NhnFailure(-1016, 'Not exist message.');
  return { header: ok(), message: messageJson(found, now, true) };
}
