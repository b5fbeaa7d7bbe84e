// GET /message-results: messages that reached a final status within an update-date window, oldest first.
import { messageJson, statusOf } from '../message-view.ts';
import { ok, page, parseWindow, type Json } from '../protocol.ts';
import type { FakeState } from '../state.ts';

type StoredMessage = FakeState['messages'][number];

/**
 * A paging walk reads one snapshot: page 1 filters and sorts every message, later pages of the same window reuse
 * that list (for up to WALK_MS). Filtering and sorting all messages for each page made the fake's cost grow with
 * pages × messages — a poll of 60,000 results took seconds of the bench machine's CPU that no real provider
 * takes from us, and inflated every latency measured meanwhile.
 */
const WALK_MS = 30_000;
const walks = new WeakMap<StoredMessage[], { window: string; at: number; items: StoredMessage[] }>();

function resultsInWindow(state: FakeState, q: URLSearchParams, now: number): StoredMessage[] {
  const [s, e] = parseWindow(q, 'startUpdateDate', 'endUpdateDate');
  const window = `${s}|${e}`;
  const walk = walks.get(state.messages);
  if (Number(q.get('pageNum') ?? 1) > 1 && walk && walk.window === window && now - walk.at < WALK_MS) return walk.items;
  const items = state.messages
    .filter((m) => {
      const st = statusOf(m, now);
      return st.final && st.updateDate >= s && st.updateDate <= e;
    })
    .sort((a, b) => a.deliverAt - b.deliverAt);
  walks.set(state.messages, { window, at: now, items });
  return items;
}

export function messageResults(state: FakeState, q: URLSearchParams, now: number): Json {
  const items = resultsInWindow(state, q, now);
  const p = page(items, q, state.faults.ignoresPaging);
  return {
    header: ok(),
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
        resendResultCode: j.resendResultCode,
      };
    }),
    totalCount: p.totalCount,
  };
}
