import { cooldownHoursSchema, DEFAULT_FIRE_ON, fallbackSettingSchema } from '@alimflow/automation-core';
import { z } from 'zod';
import { linkFieldsShape } from './shared.ts';

export const ZCreateInputSchema = z.object({
  ...linkFieldsShape,
  variableMappings: linkFieldsShape.variableMappings.default({}),
  triggerType: linkFieldsShape.triggerType.default('manual'),
  // Absent, null and {} all mean "no condition".
  triggerCondition: linkFieldsShape.triggerCondition.optional(),
  fireOn: linkFieldsShape.fireOn.default(DEFAULT_FIRE_ON),
  repeatConfig: linkFieldsShape.repeatConfig.default(null),
  cooldownHours: cooldownHoursSchema,
  isActive: linkFieldsShape.isActive.default(true),
  // SMS/LMS fallback (대체 발송); absent = off.
  fallback: fallbackSettingSchema.optional(),
  sendWindow: linkFieldsShape.sendWindow.optional(),
});

export type TCreateInputSchema = z.infer<typeof ZCreateInputSchema>;
