// The repeats page's filters in the URL: ?status=pending&rule=<link id>.
import { isUuid } from '@/features/logs/filters';

export const REPEAT_STATUSES = ['pending', 'completed', 'cancelled'] as const;
export type RepeatStatus = (typeof REPEAT_STATUSES)[number];

export interface RepeatFilters {
  status?: RepeatStatus;
  rule?: string;
}

export function parseRepeatFilters(params: URLSearchParams): RepeatFilters {
  const filters: RepeatFilters = {};
  const status = params.get('status');
  if (status && (REPEAT_STATUSES as readonly string[]).includes(status)) filters.status = status as RepeatStatus;
  const rule = params.get('rule');
  if (isUuid(rule)) filters.rule = rule;
  return filters;
}

export function serializeRepeatFilters(filters: RepeatFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (filters.status) out.set('status', filters.status);
  if (filters.rule) out.set('rule', filters.rule);
  return out;
}

export function toRepeatQuery(filters: RepeatFilters) {
  return { ...(filters.status ? { status: filters.status } : {}), ...(filters.rule ? { linkId: filters.rule } : {}) };
}

/** "24시간마다" reads better as "1일마다" once it is whole days. */
export function intervalParts(hours: number): { unit: 'hours' | 'days'; value: number } {
  return hours >= 24 && hours % 24 === 0 ? { unit: 'days', value: hours / 24 } : { unit: 'hours', value: hours };
}
