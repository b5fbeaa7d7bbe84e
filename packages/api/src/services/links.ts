// Stored link columns → the typed shapes automation-core decides on. Stored JSON was validated on write; anything
// that no longer parses degrades to "no condition" / "no repeat" rather than crashing a job. The routers and the
// worker read links through these functions only. A link being written is a LinkDraft, checked by linkProblems.
import {
  checkVariableMappings,
  conditionProblems,
  DEFAULT_FIRE_ON,
  FIELD_TYPE_KO,
  fireOnSchema,
  isRecipientField,
  optionalConditionSchema,
  repeatConfigSchema,
  subjectParticle,
  validateConditionAgainstFields,
  type Condition,
  type FallbackSetting,
  type FieldDefinition,
  type FireOn,
  type RepeatConfig,
  type TriggerType,
} from '@alimflow/automation-core';
import type { RuleSendWindow } from '@alimflow/automation-core';
import { Prisma, type AlimtalkTemplate, type AlimtalkTemplateLink } from '@alimflow/db';
import type { Language } from '../security/language.ts';
import { SENDABLE_STATUS, TEMPLATE_STATUS_KO, TEMPLATE_STATUS_TEXT } from './template-summary.ts';

export type LinkWithTemplate = AlimtalkTemplateLink & { template: AlimtalkTemplate };

export function storedCondition(json: unknown): Condition | null {
  const parsed = optionalConditionSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function storedRepeatConfig(json: unknown): RepeatConfig | null {
  if (json === null || json === undefined) return null;
  const parsed = repeatConfigSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function storedMappings(json: unknown): Record<string, string> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function storedFireOn(value: unknown): FireOn {
  const parsed = fireOnSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_FIRE_ON;
}

export const linkCondition = (link: AlimtalkTemplateLink) => storedCondition(link.triggerCondition);
export const linkFireOn = (link: AlimtalkTemplateLink) => storedFireOn(link.fireOn);
export const linkRepeatConfig = (link: Pick<AlimtalkTemplateLink, 'repeatConfig'>) => storedRepeatConfig(link.repeatConfig);
export const variableMappings = (link: AlimtalkTemplateLink) => storedMappings(link.variableMappings);

// ── drafts ────────────────────────────────────────────────────────────────────────────────────────────────────
/** A link as the checks see it: normalised condition and repeat config. */
export interface LinkDraft {
  partitionId: string;
  templateId: string;
  name: string;
  recipientField: string;
  variableMappings: Record<string, string>;
  triggerType: TriggerType;
  triggerCondition: Condition | null;
  fireOn: FireOn;
  repeatConfig: RepeatConfig | null;
  cooldownHours: number;
  isActive: boolean;
  /** SMS/LMS fallback; absent = unchanged (update) or off (create). */
  fallback?: FallbackSetting;
  /** The rule's send window; absent or null = the org default. */
  sendWindow?: RuleSendWindow | null;
}

export function draftFromRow(link: AlimtalkTemplateLink): LinkDraft {
  return {
    partitionId: link.partitionId,
    templateId: link.templateId,
    name: link.name,
    recipientField: link.recipientField,
    variableMappings: storedMappings(link.variableMappings),
    triggerType: link.triggerType,
    triggerCondition: storedCondition(link.triggerCondition),
    fireOn: link.fireOn === 'every_matching_update' ? 'every_matching_update' : 'became_true',
    repeatConfig: storedRepeatConfig(link.repeatConfig),
    cooldownHours: link.cooldownHours,
    isActive: link.isActive,
  };
}

/** Prisma column values for the JSON parts of a draft (SQL NULL, not JSON null, for "none"). */
export function jsonColumns(draft: Pick<LinkDraft, 'triggerCondition' | 'repeatConfig'>) {
  return {
    triggerCondition: draft.triggerCondition === null ? Prisma.DbNull : (draft.triggerCondition as Prisma.InputJsonValue),
    repeatConfig: draft.repeatConfig === null ? Prisma.DbNull : (draft.repeatConfig as unknown as Prisma.InputJsonValue),
  };
}

/** The rule's window column: SQL NULL for "the org default", so inheriting needs no stored value. */
export function sendWindowColumn(window: RuleSendWindow | null) {
  return window === null || window.mode === 'inherit' ? Prisma.DbNull : (window as unknown as Prisma.InputJsonValue);
}

// ── checks ────────────────────────────────────────────────────────────────────────────────────────────────────
/** Problems that make a link unable to work; each message names what to fix. Empty = savable. */
/** What keeps a link from being saved or switched on, in `language` (the caller's; Korean by default). */
export function linkProblems(
  draft: LinkDraft,
  fields: readonly FieldDefinition[],
  template: Pick<AlimtalkTemplate, 'content'>,
  language: Language = 'ko',
): string[] {
  const ko = language === 'ko';
  const problems: string[] = [];
  const recipient = fields.find((f) => f.key === draft.recipientField);
  if (!recipient) {
    problems.push(
      ko
        ? `이 파티션에는 수신자 필드 "${draft.recipientField}"${subjectParticle(draft.recipientField)} 없습니다.`
        : `Recipient field "${draft.recipientField}" is not a field of this partition.`,
    );
  } else if (!isRecipientField(recipient)) {
    problems.push(
      ko
        ? `수신자 필드는 전화번호나 텍스트 필드여야 합니다. "${recipient.label}"${subjectParticle(recipient.label)} ${FIELD_TYPE_KO[recipient.type]} 필드입니다.`
        : `Recipient field "${recipient.label}" must be a phone or text field, not a ${recipient.type} field.`,
    );
  }
  for (const p of checkVariableMappings(template.content, draft.variableMappings, fields, language)) {
    problems.push(`${ko ? '변수' : 'Variables'}: ${p.message}.`);
  }
  if (draft.triggerCondition) {
    // Only an update has a "before"; change operators elsewhere could never hold.
    const allowChangeOperators = draft.triggerType === 'on_update';
    for (const p of conditionProblems(draft.triggerCondition, fields, { allowChangeOperators, locale: language })) {
      const hint = p.code === 'change_operator_not_allowed' && !ko ? ' (only on_update triggers see a previous value)' : '';
      problems.push(`${ko ? '발송 조건' : 'Trigger condition'}: ${p.message}${hint}.`);
    }
  }
  if (draft.repeatConfig) {
    if (draft.triggerType === 'manual') {
      problems.push(
        ko
          ? "반복 발송은 '레코드가 추가될 때'나 '레코드가 수정될 때' 규칙에만 쓸 수 있습니다. 수동 발송 규칙은 반복할 수 없습니다."
          : 'Repeats need an on_create or on_update trigger; manual links cannot repeat.',
      );
    }
    for (const m of validateConditionAgainstFields(draft.repeatConfig.stopCondition, fields, { allowChangeOperators: false, locale: language })) {
      problems.push(`${ko ? '중지 조건' : 'Stop condition'}: ${m}.`);
    }
  }
  return problems;
}

/** Savable but worth saying: the link will not send yet. */
export function linkWarnings(template: Pick<AlimtalkTemplate, 'name' | 'status'>, language: Language = 'ko'): string[] {
  if (template.status === SENDABLE_STATUS) return [];
  return [
    language === 'ko'
      ? `템플릿 "${template.name}"${subjectParticle(template.name)} ${TEMPLATE_STATUS_KO[template.status]} 상태(${template.status})라서 NHN이 승인하기 전까지 이 규칙은 보낼 수 없습니다.`
      : `Template "${template.name}" is ${TEMPLATE_STATUS_TEXT[template.status]} (${template.status}); this link cannot send until NHN approves it.`,
  ];
}
