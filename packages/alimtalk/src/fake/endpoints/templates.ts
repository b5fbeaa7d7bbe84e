// GET /senders/{senderKey}/templates[/{templateCode}].
import { NhnFailure, ok, page, type Json } from '../protocol.ts';
import type { FakeState } from '../state.ts';
import { TEMPLATE_STATUS_NAMES, type FakeTemplate } from '../templates.ts';

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

export function senderTemplates(
  state: FakeState,
  senderKey: string,
  templateCode: string | undefined,
  q: URLSearchParams,
): Json {
  if (senderKey !== state.config.senderKey) throw new NhnFailure(-2017, 'Not exist plus friend.');
  if (templateCode !== undefined) {
    const t = state.templates.get(templateCode);
    if (!t) throw new NhnFailure(-3003, 'Template does not exist.');
    return { header: ok(), templates: templateJson(t) };
  }
  let list = [...state.templates.values()];
  const code = q.get('templateCode');
  const status = q.get('templateStatus');
  if (code) list = list.filter((t) => t.templateCode === code);
  if (status) list = list.filter((t) => t.status === status);
  const p = page(list, q, state.faults.ignoresPaging);
  return {
    header: ok(),
    templateListResponse: { templates: p.items.map(templateJson), totalCount: p.totalCount },
  };
}
