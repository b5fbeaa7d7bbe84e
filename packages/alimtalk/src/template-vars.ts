/**
 * `#{var}` helpers used by the client (template variables) and the fake (validation / rendering). Variable
 * extraction is automation-core's, so the variables a template reports are exactly the ones the renderer fills.
 */
import { extractVariables } from '@alimflow/automation-core';

const VAR_RE = /#\{([^{}]+)\}/g;

/** Distinct variable names in order of first appearance. */
export function templateVariables(content: string): string[] {
  return extractVariables(content);
}

/** Substitute `#{var}` with params[var]; unknown variables are left as-is. */
export function renderTemplateContent(content: string, params: Record<string, string>): string {
  return content.replace(VAR_RE, (whole, name: string) =>
    Object.hasOwn(params, name) ? params[name]! : whole,
  );
}
