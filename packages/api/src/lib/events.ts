// An AutomationEvent as every API answer shows it; lists add what they join (link, record, send log).
import type { EventView } from '../services/skip-history.ts';
import { iso } from './dates.ts';

export function eventOutput(e: EventView) {
  return {
    id: e.id,
    event: e.event,
    decision: e.decision,
    reason: e.reason,
    detail: e.detail,
    linkId: e.linkId,
    recordId: e.recordId,
    createdAt: iso(e.createdAt),
  };
}
