/**
 * `#{var}` helpers used by the client (template variables) and the fake (validation / rendering). Kept local so
 * this package does not depend on automation-core's rendering rules for protocol fidelity.
 */
const VAR_RE = /#\{([^{}]+)\}/g;

/** Distinct variable names in order of first appearance. */
export function templateVariables(content: string): string[] {
  const seen = new Set<string>();
  for (const m of content.matchAll(VAR_RE)) seen.add(m[1]!);
  return [...seen];
}

/** Substitute `#{var}` with params[var]; unknown variables are left as-is. */
export function renderTemplateContent(content: string, params: Record<string, string>): string {
  return content.replace(VAR_RE, (whole, name: string) =>
    Object.hasOwn(params, name) ? params[name]! : whole,
  );
}
