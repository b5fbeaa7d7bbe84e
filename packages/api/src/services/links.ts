// Stored link columns → the typed shapes automation-core decides on. Stored JSON was validated on write; anything
// that no longer parses degrades to "no condition" / "no repeat" rather than crashing a job. The routers and the
// worker read links through these functions only.
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
export const linkRepeatConfig = (link: AlimtalkTemplateLink) => storedRepeatConfig(link.repeatConfig);
export const variableMappings = (link: AlimtalkTemplateLink) => storedMappings(link.variableMappings);
