// A rule read back in words: trigger, repeat, cooldown, reasons, operators. Pure functions of (data, t, language)
// so lists, the detail sheet and the tests word things the same way. Sentences for conditions come from
// automation-core's describeCondition; nothing here re-implements how a condition reads.
import {
  describeCondition,
  formatTemplateValue,
  findField,
  type Condition,
  type ConditionOperator,
  type FieldDefinition,
  type FireOn,
  type RepeatConfig,
  type TriggerType,
} from '@alimflow/automation-core';
import type { TFunction } from 'i18next';
import type { Language } from '@/i18n/languages';
import { formatPhoneNumber } from '@/lib/format';
import { isSendReason } from '@/lib/reasons';

export type AutomationsT = TFunction<'automations'>;
export function langOf(resolved: string | undefined): Language {
  return resolved?.startsWith('en') ? 'en' : 'ko';
}

export function hoursText(hours: number, t: AutomationsT): string {
  return t('units.hours', { count: hours });
}

/** "상태가 '신규'일 때" / "When 상태 is '신규'". */
export function conditionSentence(condition: unknown, fields: readonly FieldDefinition[], lang: Language): string {
  return describeCondition((condition ?? null) as Condition | null, fields, lang);
}

/** The stop condition inside a sentence: Korean keeps "…일 때", English lowercases "When". */
function inlineCondition(condition: Condition, fields: readonly FieldDefinition[], lang: Language): string {
  const sentence = describeCondition(condition, fields, lang);
  return lang === 'en' ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
}

/** "24시간마다 최대 3회, 상태가 '응답완료'일 때 중단" / "Every 24 hours, up to 3 times; stops when …". */
export function repeatSummary(config: RepeatConfig | null, fields: readonly FieldDefinition[], t: AutomationsT, lang: Language): string {
  if (!config) return t('summary.noRepeat');
  return t('summary.repeat', {
    interval: hoursText(config.intervalHours, t),
    count: config.maxRepeat,
    stop: inlineCondition(config.stopCondition, fields, lang),
  });
}

/** "1시간" / "없음" for the list's cooldown column. */
export function cooldownShort(hours: number, t: AutomationsT): string {
  return hours === 0 ? t('summary.noCooldownShort') : hoursText(hours, t);
}

/** The cooldown as a sentence, for the builder and the detail sheet. */
export function cooldownSentence(hours: number, t: AutomationsT): string {
  return hours === 0 ? t('summary.noCooldown') : t('summary.cooldown', { hours: hoursText(hours, t) });
}

export function triggerSentence(triggerType: TriggerType, t: AutomationsT): string {
  return t(`triggerWhen.${triggerType}`);
}

export function fireOnSentence(fireOn: FireOn, t: AutomationsT): string {
  return t(`builder.fireOn.${fireOn}`);
}

/** A skip / end reason code in words ("condition_false" → "조건이 맞지 않음"); unknown codes are shown as they are. */
export function reasonText(reason: string | null | undefined, t: AutomationsT): string | null {
  if (!reason) return null;
  return isSendReason(reason) ? t(`reasons.${reason}`) : t('reasons.other', { reason });
}

/** The operator menu's words; date fields read ordering operators as before/after. */
export function operatorText(operator: ConditionOperator, fieldType: FieldDefinition['type'] | undefined, t: AutomationsT): string {
  if (fieldType === 'date' && (operator === 'gt' || operator === 'gte' || operator === 'lt' || operator === 'lte')) {
    return t(`operatorsDate.${operator}`);
  }
  return t(`operators.${operator}`);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** A value from a trace or a record as people read it: 010-1234-5678, 2026-03-01, "(비어 있음)". */
export function valueText(value: unknown, field: FieldDefinition | undefined, t: AutomationsT): string {
  if (isEmpty(value)) return t('trace.empty');
  return formatTemplateValue(value, field?.type ?? 'text');
}

/** How a record is named in lists: its first filled text field, and its phone number. */
export function recordLabel(data: unknown, fields: readonly FieldDefinition[]): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const values = data as Record<string, unknown>;
  const read = (key: string) => (Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined);
  const name = fields.filter((f) => f.type === 'text').map((f) => read(f.key)).find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  const phoneField = fields.find((f) => f.type === 'phone' && typeof read(f.key) === 'string' && (read(f.key) as string).trim() !== '');
  const phone = phoneField ? formatPhoneNumber(read(phoneField.key) as string) : null;
  if (name && phone) return `${name.trim()} (${phone})`;
  return name?.trim() ?? phone ?? null;
}

export function fieldLabel(key: string, fields: readonly FieldDefinition[]): string {
  return findField(fields, key)?.label ?? key;
}
