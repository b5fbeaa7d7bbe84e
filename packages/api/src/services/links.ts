// Stored link columns → the typed shapes automation-core decides on. Stored JSON was validated on write; anything
// that no longer parses degrades to "no condition" / "no repeat" rather than crashing a job.
import {
  DEFAULT_FIRE_ON,
  fireOnSchema,
  optionalConditionSchema,
  repeatConfigSchema,
  type Condition,
  type FireOn,
  type RepeatConfig,
} from '@alimflow/automation-core';
import type { AlimtalkTemplate, AlimtalkTemplateLink } from '@alimflow/db';

export type LinkWithTemplate = AlimtalkTemplateLink & { template: AlimtalkTemplate };

export function linkCondition(link: AlimtalkTemplateLink): Condition | null {
  const parsed = optionalConditionSchema.safeParse(link.triggerCondition);
  return parsed.success ? parsed.data : null;
}

export function linkFireOn(link: AlimtalkTemplateLink): FireOn {
  const parsed = fireOnSchema.safeParse(link.fireOn);
  return parsed.success ? parsed.data : DEFAULT_FIRE_ON;
}

export function linkRepeatConfig(link: AlimtalkTemplateLink): RepeatConfig | null {
  if (link.repeatConfig == null) return null;
  const parsed = repeatConfigSchema.safeParse(link.repeatConfig);
  return parsed.success ? parsed.data : null;
}

export function variableMappings(link: AlimtalkTemplateLink): Record<string, string> {
  const value = link.variableMappings;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
