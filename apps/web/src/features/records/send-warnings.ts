// "Saved, but NHN will never send it": a value an active rule puts into a template variable that is over NHN's
// per-variable limit, or a recipient value that is not a mobile number. The record is still saved (the admin may
// fix it later); the form says so before saving instead of the send log saying it afterwards.
import { formatTemplateValue, NHN_MAX_VALUE_LENGTH, normalizePhone } from '@alimflow/automation-core';
import { fieldName, type FieldDef, type RecordFormValues } from './record-form';

/** The parts of an active rule (templateLinks.list) the check reads. */
export interface WarningRule {
  id: string;
  name: string;
  recipientField: string;
  variableMappings: Record<string, string>;
  template: { variables: unknown };
}

export type SendWarning =
  | { kind: 'too_long'; field: string; fieldLabel: string; ruleName: string; variable: string; length: number; limit: number }
  | { kind: 'not_mobile'; field: string; fieldLabel: string; ruleName: string };

function templateVariables(rule: WarningRule): string[] {
  const vars = rule.template.variables;
  return Array.isArray(vars) ? vars.filter((v): v is string => typeof v === 'string') : [];
}

/** One warning per field and problem (the first rule that uses it is named), in field order. */
export function sendWarnings(rules: readonly WarningRule[], fields: readonly FieldDef[], values: RecordFormValues): SendWarning[] {
  const warnings: SendWarning[] = [];
  fields.forEach((field, index) => {
    const raw = (values[fieldName(index)] ?? '').trim();
    if (raw === '') return;
    const recipientOf = rules.find((rule) => rule.recipientField === field.key);
    if (recipientOf && !normalizePhone(raw).ok) {
      warnings.push({ kind: 'not_mobile', field: field.key, fieldLabel: field.label, ruleName: recipientOf.name });
    }
    // Measured as the message would carry it (phones and dates are reformatted), by the same rule NHN applies.
    const length = formatTemplateValue(raw, field.type).length;
    if (length <= NHN_MAX_VALUE_LENGTH) return;
    for (const rule of rules) {
      const variable = templateVariables(rule).find((v) => rule.variableMappings[v] === field.key);
      if (variable === undefined) continue;
      warnings.push({ kind: 'too_long', field: field.key, fieldLabel: field.label, ruleName: rule.name, variable, length, limit: NHN_MAX_VALUE_LENGTH });
      return;
    }
  });
  return warnings;
}
