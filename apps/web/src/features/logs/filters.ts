// The send-log explorer's filters as they live in the URL (?trigger=auto&status=failed&from=2026-03-01…), so a
// filtered view can be bookmarked and shared. Parsing is forgiving — anything unreadable is dropped, never an
// error — and serialising writes keys in a fixed order, so the same filters always give the same URL.

import { SEND_STATUSES, SEND_TRIGGER_TYPES, type SendStatus, type SendTriggerType } from '@alimflow/automation-core';

// The server's lists (automation-core), under the names the explorer uses.
export { SEND_STATUSES, SEND_TRIGGER_TYPES as TRIGGER_TYPES, type SendStatus };
export type TriggerType = SendTriggerType;

export interface LogFilters {
  trigger?: TriggerType;
  status?: SendStatus;
  /** A rule (template link) id. */
  rule?: string;
  template?: string;
  /** Any part of the phone number, as typed. */
  recipient?: string;
  record?: string;
  /** YYYY-MM-DD, a KST day, inclusive. */
  from?: string;
  /** YYYY-MM-DD, a KST day, inclusive. */
  to?: string;
}

/** URL parameter order; `log` (the open side sheet) is kept separately. */
export const LOG_FILTER_KEYS = ['trigger', 'status', 'rule', 'template', 'recipient', 'record', 'from', 'to'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isUuid(value: string | null | undefined): value is string {
  return !!value && UUID.test(value);
}

/** A real calendar day written as YYYY-MM-DD. */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function parseLogFilters(params: URLSearchParams): LogFilters {
  const filters: LogFilters = {};
  const trigger = oneOf(SEND_TRIGGER_TYPES, params.get('trigger'));
  if (trigger) filters.trigger = trigger;
  const status = oneOf(SEND_STATUSES, params.get('status'));
  if (status) filters.status = status;
  const rule = params.get('rule');
  if (isUuid(rule)) filters.rule = rule;
  const template = params.get('template')?.trim();
  if (template && template.length <= 50) filters.template = template;
  const recipient = params.get('recipient')?.trim();
  if (recipient && recipient.length <= 40) filters.recipient = recipient;
  const record = params.get('record');
  if (isUuid(record)) filters.record = record;
  const from = params.get('from');
  if (isDay(from)) filters.from = from;
  const to = params.get('to');
  if (isDay(to)) filters.to = to;
  return filters;
}

/**
 * The filters as URL parameters, other parameters (e.g. the open log) kept after them. `undefined` or '' removes
 * a filter.
 */
export function serializeLogFilters(filters: LogFilters, keep?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of LOG_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') out.set(key, value);
  }
  if (keep) for (const [key, value] of keep) if (!(LOG_FILTER_KEYS as readonly string[]).includes(key)) out.append(key, value);
  return out;
}

export function hasLogFilters(filters: LogFilters): boolean {
  return LOG_FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** The input sendLogs.list and sendLogs.export take. A reversed date range is read the way it was meant. */
export function toSendLogQuery(filters: LogFilters) {
  let { from, to } = filters;
  if (from && to && from > to) [from, to] = [to, from];
  const digits = filters.recipient?.replace(/\D/g, '') ?? '';
  return {
    ...(filters.trigger ? { triggerType: filters.trigger } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.rule ? { linkId: filters.rule } : {}),
    ...(filters.template ? { templateCode: filters.template } : {}),
    ...(filters.record ? { recordId: filters.record } : {}),
    ...(digits ? { recipient: digits } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** `/logs?status=failed&from=…` — a link into the explorer with these filters. */
export function logsHref(filters: LogFilters): string {
  const query = serializeLogFilters(filters).toString();
  return query ? `/logs?${query}` : '/logs';
}
