// "Would this send?" — the one decision automatic sends, repeat sends, manual sends, test sends and the rule preview
// all make: is the template approved, is the recipient a mobile number, can the message be built from the record,
// and is the link still inside its cooldown. Pure: the caller loads the rows and the last counted send.
import type { RenderSkipReason, SendSkipReason } from './codes.ts';
import { checkCooldown } from './cooldown.ts';
import type { FieldDefinition, RecordData } from './fields.ts';
import { readValue } from './fields.ts';
import type { PhoneResult } from './phone.ts';
import { normalizePhone } from './phone.ts';
import type { RenderError, RenderErrorCode, RenderResult } from './render.ts';
import { renderTemplate } from './render.ts';

/** NHN's status for an approved template (TSC01 requested, TSC02 inspecting, TSC04 rejected): only TSC03 sends. */
export const APPROVED_TEMPLATE_STATUS = 'TSC03';

export type SendCheckInput = {
  link: { recipientField: string; variableMappings: Record<string, string>; cooldownHours: number };
  template: { templateCode: string; content: string; status: string };
  record: RecordData;
  fields: readonly FieldDefinition[];
  /** Send here instead of the record's recipient field (a test send to the admin's own phone). */
  recipient?: unknown;
  /**
   * The last send that counts toward the link's cooldown for this record; `null` = none yet. Leave it out for sends
   * the cooldown does not guard (an admin's manual or test send).
   */
  lastSentAt?: Date | null;
  now: Date;
};

/** What the SPA needs to say why in its own words: the variable, and the size against NHN's limit. */
export type SkipDetail = { variable?: string; length?: number; limit?: number; until?: Date };

export type SendSkip = { reason: Exclude<SendSkipReason, 'render_failed'>; message: string; detail: SkipDetail };

export type SendCheck = {
  /** The recipient as given and read as a mobile number. */
  phone: PhoneResult;
  rawRecipient: unknown;
  rendered: RenderResult;
} & (
  | { action: 'send'; recipientNo: string; text: string; templateParameter: Record<string, string> }
  | {
      action: 'skip';
      /** The reason that decides: the first of `problems`. */
      skip: SendSkip;
      /** Every reason this would not send (never empty), in checking order; the cooldown only when nothing else. */
      problems: readonly SendSkip[];
    }
);

const RENDER_REASON: Record<RenderErrorCode, RenderSkipReason> = {
  unmapped_variable: 'unmapped_variable',
  missing_value: 'missing_value',
  value_too_long: 'value_too_long',
  too_long: 'message_too_long',
  too_many_variables: 'too_many_variables',
};

function renderSkip(errors: readonly RenderError[]): SendSkip {
  const first = errors[0]!;
  const detail: SkipDetail = {};
  if (first.variable !== undefined) detail.variable = first.variable;
  if (first.length !== undefined) detail.length = first.length;
  if (first.limit !== undefined) detail.limit = first.limit;
  // Every problem in the message, so an admin fixes the link in one pass; the reason names the first.
  return { reason: RENDER_REASON[first.code], message: errors.map((e) => e.message).join('; '), detail };
}

/**
 * Skip order: template, recipient, message, cooldown. The cooldown is asked last and only when the rest would send,
 * so a record that can never be sent to is reported as such rather than as "wait".
 */
export function checkSend(input: SendCheckInput): SendCheck {
  const { link, template } = input;
  const rawRecipient = 'recipient' in input ? input.recipient : readValue(input.record, link.recipientField);
  const phone = normalizePhone(rawRecipient);
  const rendered = renderTemplate({
    content: template.content,
    variableMappings: link.variableMappings,
    data: input.record,
    fields: input.fields,
  });

  const problems: SendSkip[] = [];
  if (template.status !== APPROVED_TEMPLATE_STATUS) {
    problems.push({
      reason: 'template_not_approved',
      message: `Template ${template.templateCode} is not approved (status ${template.status}).`,
      detail: {},
    });
  }
  if (!phone.ok) {
    problems.push({ reason: 'invalid_phone', message: `Recipient field "${link.recipientField}": ${phone.reason}.`, detail: {} });
  }
  if (!rendered.ok) problems.push(renderSkip(rendered.errors));
  if (phone.ok && rendered.ok && problems.length === 0) {
    const waiting = input.lastSentAt === undefined ? null : cooldownSkip(link.cooldownHours, input.lastSentAt, input.now);
    if (!waiting) {
      return { phone, rawRecipient, rendered, action: 'send', recipientNo: phone.value, text: rendered.text, templateParameter: rendered.templateParameter };
    }
    problems.push(waiting);
  }
  return { phone, rawRecipient, rendered, action: 'skip', skip: problems[0]!, problems };
}

function cooldownSkip(cooldownHours: number, lastSentAt: Date | null, now: Date): SendSkip | null {
  const cooldown = checkCooldown({ lastSentAt, cooldownHours, now });
  if (cooldown.allowed) return null;
  return {
    reason: 'cooldown',
    message: `Sent within the last ${cooldownHours} h; next send allowed after ${cooldown.until.toISOString()}.`,
    detail: { until: cooldown.until },
  };
}
