// The codes the engine writes to the database and the SPA translates: what an automation event was about, what was
// decided, why it skipped or ended, and the send log's status and trigger. One list each, shared by the server
// (zod enums, Prisma writes) and the SPA (i18n keys, URL filters), so a new code cannot reach one side only.

const includes =
  <T extends string>(list: readonly T[]) =>
  (value: string | null | undefined): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value);

/** What an AutomationEvent is about; `enrol`: a run sending to the records that already matched (enrolment.ts). */
export const AUTOMATION_EVENT_KINDS = ['create', 'update', 'manual', 'repeat', 'enrol'] as const;
export type AutomationEventKind = (typeof AUTOMATION_EVENT_KINDS)[number];

export const AUTOMATION_DECISIONS = ['fired', 'skipped', 'completed', 'cancelled'] as const;
export type AutomationDecision = (typeof AUTOMATION_DECISIONS)[number];

/** Why a link did not fire for a record event (matchTrigger). */
export const TRIGGER_SKIP_REASONS = ['inactive', 'trigger_mismatch', 'condition_false', 'not_a_transition'] as const;
export type TriggerSkipReason = (typeof TRIGGER_SKIP_REASONS)[number];

/** Why the message could not be built from the record (one per renderTemplate problem). */
export const RENDER_SKIP_REASONS = [
  'unmapped_variable',
  'missing_value',
  'value_too_long',
  'message_too_long',
  'too_many_variables',
] as const;
export type RenderSkipReason = (typeof RENDER_SKIP_REASONS)[number];

/**
 * Why a fired link made no send (checkSend). `render_failed` is no longer written — rows from before the render
 * reasons were split carry it and must still read.
 */
export const SEND_SKIP_REASONS = [
  'template_not_approved',
  'invalid_phone',
  ...RENDER_SKIP_REASONS,
  'render_failed',
  'cooldown',
  'frequency_cap',
] as const;
export type SendSkipReason = (typeof SEND_SKIP_REASONS)[number];

/**
 * Issue 15's delivery controls (frequency-cap.ts, send-window.ts). `frequency_cap` is written by decideSends and
 * is in SEND_SKIP_REASONS; `send_window` (a wait, not a skip) is in EVENT_REASONS. Each has its translations.
 */
export const DELIVERY_SKIP_REASONS = ['frequency_cap'] as const;
export type DeliverySkipReason = (typeof DELIVERY_SKIP_REASONS)[number];
/** Why a send that would go out waits instead: outside the send window, it is scheduled to the next opening. */
export const SEND_WAIT_REASONS = ['send_window'] as const;
export type SendWaitReason = (typeof SEND_WAIT_REASONS)[number];
/**
 * Skips that only say "not yet": the cooldown and the frequency cap both end at a known time, so a repeat that
 * meets one moves to that time instead of ending the series.
 */
export const DEFERRING_SKIP_REASONS = ['cooldown', 'frequency_cap'] as const;

/** Why a repeat series ended by itself or by a person (decideRepeat, cancelling by hand, link or record changes). */
export const SERIES_END_REASONS = [
  'stop_condition_met',
  'max_repeat_reached',
  'link_inactive',
  'link_deleted',
  'record_deleted',
  'cancelled_by_user',
  'repeat_disabled',
] as const;
export type SeriesEndReason = (typeof SERIES_END_REASONS)[number];

/** A series also ends when its next send could never be made: every send skip but the cooldown, which defers. */
export const END_REASONS = [...SERIES_END_REASONS, ...SEND_SKIP_REASONS.filter((r) => r !== 'cooldown' && r !== 'frequency_cap')] as const;
export type EndReason = SeriesEndReason | Exclude<SendSkipReason, 'cooldown' | 'frequency_cap'>;

/**
 * Why an enrolment run did not send to a record that matches: this rule already sent to it (the never-re-send
 * guarantee). Only enrolment events carry it; the record matched, so it counts as 조건 일치.
 */
export const ENROL_SKIP_REASONS = ['already_sent'] as const;
export type EnrolSkipReason = (typeof ENROL_SKIP_REASONS)[number];

/** Every reason an AutomationEvent can carry. */
export const EVENT_REASONS = [...TRIGGER_SKIP_REASONS, ...SEND_SKIP_REASONS, ...SERIES_END_REASONS, ...SEND_WAIT_REASONS, ...ENROL_SKIP_REASONS] as const;
export type EventReason = TriggerSkipReason | SendSkipReason | SeriesEndReason | SendWaitReason | EnrolSkipReason;

/** How NHN refused or dropped a send, on send logs only. */
export const PROVIDER_FAILURE_REASONS = ['nhn_refused', 'nhn_unavailable', 'provider_config', 'delivery_failed'] as const;
export type ProviderFailureReason = (typeof PROVIDER_FAILURE_REASONS)[number];

/** Every reason a SendLog or an AutomationEvent can carry. */
export const SEND_REASONS = [...EVENT_REASONS, ...PROVIDER_FAILURE_REASONS] as const;
export type SendReason = EventReason | ProviderFailureReason;

export const SEND_STATUSES = ['pending', 'accepted', 'delivered', 'failed', 'skipped'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

/** What started a send (not the link's trigger type: a link `on_create` sends as `auto`, its reminders as `repeat`). */
export const SEND_TRIGGER_TYPES = ['manual', 'auto', 'repeat', 'test'] as const;
export type SendTriggerType = (typeof SEND_TRIGGER_TYPES)[number];

export const isEventReason = includes<EventReason>(EVENT_REASONS);
export const isSendReason = includes<SendReason>(SEND_REASONS);
export const isEndReason = includes<EndReason>(END_REASONS);
/** A reason that says the message could not be built, including the old catch-all. */
export const isRenderSkipReason = includes<RenderSkipReason | 'render_failed'>([...RENDER_SKIP_REASONS, 'render_failed']);
export const isSendSkipReason = includes<SendSkipReason>(SEND_SKIP_REASONS);
export const isEnrolSkipReason = includes<EnrolSkipReason>(ENROL_SKIP_REASONS);
export const isDeferringSkipReason = includes<(typeof DEFERRING_SKIP_REASONS)[number]>(DEFERRING_SKIP_REASONS);
export const isSendWaitReason = includes<SendWaitReason>(SEND_WAIT_REASONS);
export const isDeliverySkipReason = includes<DeliverySkipReason>(DELIVERY_SKIP_REASONS);
export const isProviderFailureReason = includes<ProviderFailureReason>(PROVIDER_FAILURE_REASONS);
export const isSendStatus = includes<SendStatus>(SEND_STATUSES);
export const isSendTriggerType = includes<SendTriggerType>(SEND_TRIGGER_TYPES);

/**
 * The send log CSV's columns, in order: the server writes them, the SPA names them in the screen's language. The
 * id stays last so a script can find it without reading the header.
 */
export const SEND_LOG_EXPORT_COLUMNS = [
  'createdAt',
  'sentAt',
  'deliveredAt',
  'triggerType',
  'triggerCode',
  'status',
  'statusCode',
  'reason',
  'reasonCode',
  'recipient',
  'templateCode',
  'linkName',
  'recordId',
  'resultCode',
  'resultMessage',
  'deliveryStatus',
  'deliveryCode',
  'fallback',
  'content',
  'id',
] as const;
export type SendLogExportColumn = (typeof SEND_LOG_EXPORT_COLUMNS)[number];
