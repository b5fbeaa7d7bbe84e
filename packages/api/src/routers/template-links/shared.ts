// The input fields every template-link operation shares. The checks, the output shape and the writes are services:
// services/links.ts (drafts and checks), services/link-store.ts (rows, output), services/link-admin.ts (writes).
import {
  cooldownHoursSchema,
  fireOnSchema,
  optionalConditionSchema,
  repeatConfigSchema,
  ruleSendWindowSchema,
  triggerTypeSchema,
} from '@alimflow/automation-core';
import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

// ── input ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const linkNameSchema = z.string().trim().min(1, 'Give the link a name.').max(100, 'Link names can be at most 100 characters.');
export const recipientFieldSchema = z
  .string()
  .trim()
  .min(1, 'Choose the field that holds the phone number.')
  .max(100, 'Recipient field key is too long.');
export const variableMappingsSchema = z.record(
  z.string().min(1).max(100),
  z.string().max(100, 'Field keys can be at most 100 characters.'),
  { error: 'Variable mappings must map template variables to field keys.' },
);

/** Every link field, no defaults: create adds them, update and preview keep "absent" meaning "unchanged". */
export const linkFieldsShape = {
  partitionId: idSchema,
  templateId: idSchema,
  name: linkNameSchema,
  recipientField: recipientFieldSchema,
  variableMappings: variableMappingsSchema,
  triggerType: triggerTypeSchema,
  triggerCondition: optionalConditionSchema,
  fireOn: fireOnSchema,
  repeatConfig: repeatConfigSchema.nullable(),
  cooldownHours: cooldownHoursSchema.unwrap(),
  isActive: z.boolean({ error: 'isActive must be true or false.' }),
  /** null = the org's default window (same as { mode: 'inherit' }). */
  sendWindow: ruleSendWindowSchema.nullable(),
};

export const optionalLinkFieldsShape = {
  partitionId: linkFieldsShape.partitionId.optional(),
  templateId: linkFieldsShape.templateId.optional(),
  name: linkFieldsShape.name.optional(),
  recipientField: linkFieldsShape.recipientField.optional(),
  variableMappings: linkFieldsShape.variableMappings.optional(),
  triggerType: linkFieldsShape.triggerType.optional(),
  // Absent stays absent (unchanged); null or {} clears the condition.
  triggerCondition: linkFieldsShape.triggerCondition.optional(),
  fireOn: linkFieldsShape.fireOn.optional(),
  repeatConfig: linkFieldsShape.repeatConfig.optional(),
  cooldownHours: linkFieldsShape.cooldownHours.optional(),
  isActive: linkFieldsShape.isActive.optional(),
  sendWindow: linkFieldsShape.sendWindow.optional(),
};
