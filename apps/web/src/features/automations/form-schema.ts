// The rule builder's zod schema. It depends on the chosen partition's fields and template, so it is built per
// check. Messages are keys of the automations namespace, translated when shown; the condition rules themselves
// are automation-core's (through editorIssues and checkVariableMappings).
import { findField, fireOnSchema, isRecipientField, isWholeIn, MAX_COOLDOWN_HOURS, MAX_REPEAT, MAX_REPEAT_INTERVAL_HOURS, repeatConfigSchema, ruleSendWindowSchema, triggerTypeSchema, type FieldDefinition, type RuleSendWindow } from '@alimflow/automation-core';
import { z } from 'zod';
import { countLeaves, editorIssues, mappingIssues, repeatConfigOf, usesCondition, type EditorGroup } from './draft';
import { sendNoIssue } from './fallback-draft';

export interface RuleSchemaContext {
  fields: readonly FieldDefinition[];
  /** The chosen template's content, when known. */
  templateContent: string | undefined;
}

const editorGroupSchema = z.custom<EditorGroup>((v) => typeof v === 'object' && v !== null && (v as EditorGroup).kind === 'group');
const looseNumber = z.number().or(z.nan());

export function ruleFormSchema(ctx: RuleSchemaContext) {
  return z
    .object({
      name: z.string().trim().min(1, 'builder.errors.nameRequired').max(100, 'builder.errors.nameTooLong'),
      templateId: z.string().min(1, 'builder.errors.templateRequired'),
      partitionId: z.string().min(1, 'builder.errors.partitionRequired'),
      recipientField: z.string().min(1, 'builder.errors.recipientRequired'),
      mappings: z.array(z.object({ variable: z.string(), field: z.string() })),
      triggerType: triggerTypeSchema,
      condition: editorGroupSchema,
      fireOn: fireOnSchema,
      repeatEnabled: z.boolean(),
      intervalHours: looseNumber,
      maxRepeat: looseNumber,
      stopCondition: editorGroupSchema,
      cooldownHours: looseNumber,
      isActive: z.boolean(),
      fallbackType: z.enum(['off', 'SMS', 'LMS']),
      fallbackSendNo: z.string(),
      fallbackTitle: z.string().max(40, 'builder.errors.fallbackTitleTooLong'),
      fallbackContent: z.string().max(2000, 'builder.errors.fallbackContentTooLong'),
      sendWindow: z.custom<RuleSendWindow>(),
    })
    .superRefine((values, issue) => {
      const add = (path: string, message: string) => issue.addIssue({ code: 'custom', path: path.split('.'), message });
      const { fields } = ctx;

      if (values.recipientField && !isRecipientField(findField(fields, values.recipientField))) {
        add('recipientField', 'builder.errors.recipientRequired');
      }
      const mappingProblems = mappingIssues(ctx.templateContent, values.mappings, fields);
      values.mappings.forEach((m, i) => {
        const problem = mappingProblems.get(m.variable);
        if (problem) add(`mappings.${i}.field`, problem === 'unknown_field' ? 'builder.errors.mappingUnknown' : 'builder.errors.mappingRequired');
      });

      if (usesCondition(values.triggerType)) {
        const allowChangeOperators = values.triggerType === 'on_update';
        if (editorIssues(values.condition, fields, { allowChangeOperators }).size > 0) add('condition', 'builder.errors.conditionInvalid');

        if (values.repeatEnabled) {
          if (!isWholeIn(values.intervalHours, 1, MAX_REPEAT_INTERVAL_HOURS)) add('intervalHours', 'builder.errors.intervalInvalid');
          if (!isWholeIn(values.maxRepeat, 1, MAX_REPEAT)) add('maxRepeat', 'builder.errors.maxRepeatInvalid');
          if (countLeaves(values.stopCondition) === 0) add('stopCondition', 'builder.errors.stopConditionRequired');
          else if (editorIssues(values.stopCondition, fields, { allowChangeOperators: false }).size > 0) add('stopCondition', 'builder.errors.stopConditionInvalid');
          else if (!repeatConfigSchema.safeParse(repeatConfigOf(values, fields)).success) add('stopCondition', 'builder.errors.stopConditionInvalid');
        }
      }

      if (!isWholeIn(values.cooldownHours, 0, MAX_COOLDOWN_HOURS)) add('cooldownHours', 'builder.errors.cooldownInvalid');
      const sendNoProblem = sendNoIssue(values);
      if (sendNoProblem) add('fallbackSendNo', sendNoProblem);
      if (!ruleSendWindowSchema.safeParse(values.sendWindow).success) add('sendWindow', 'builder.errors.sendWindowInvalid');
    });
}
