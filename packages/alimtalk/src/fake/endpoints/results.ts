// GET /message-results: messages that reached a final status within an update-date window, oldest first.
import { messageJson, statusOf } from '../message-view.ts';
import { ok, page, parseWindow, type Json } from '../protocol.ts';
import type { FakeState } from '../state.ts';

export function messageResults(state: FakeState, q: URLSearchParams, now: number): Json {
  const [s, e] = parseWindow(q, 'startUpdateDate', 'endUpdateDate');
  const items = state.messages
    .filter((m) => {
      const st = statusOf(m, now);
      return st.final && st.updateDate >= s && st.updateDate <= e;
    })
    .sort((a, b) => a.deliverAt - b.deliverAt);
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
