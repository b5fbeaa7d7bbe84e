// The reason codes the engine writes: on automation events (why a rule did not fire, why a series ended) and, in
// addition, on send logs (how NHN refused or dropped a send). Each feature translates them in its own namespace.
export const EVENT_REASONS = [
  'condition_false',
  'not_a_transition',
  'cooldown',
  'inactive',
  'trigger_mismatch',
  'invalid_phone',
  'render_failed',
  'template_not_approved',
  'stop_condition_met',
  'max_repeat_reached',
  'link_inactive',
  'link_deleted',
  'record_deleted',
  'cancelled_by_user',
  'repeat_disabled',
] as const;

export const SEND_REASONS = [...EVENT_REASONS, 'nhn_refused', 'nhn_unavailable', 'provider_config', 'delivery_failed'] as const;

export type EventReason = (typeof EVENT_REASONS)[number];
export type SendReason = (typeof SEND_REASONS)[number];

export const isEventReason = (reason: string): reason is EventReason => (EVENT_REASONS as readonly string[]).includes(reason);
export const isSendReason = (reason: string): reason is SendReason => (SEND_REASONS as readonly string[]).includes(reason);
