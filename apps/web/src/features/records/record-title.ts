import type { FieldDef } from './record-form';

/** What names a record in lists and headings: its first text field's value (e.g. 이름), if any. */
export function recordTitle(fields: readonly FieldDef[], data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const values = data as Record<string, unknown>;
  for (const field of fields) {
    if (field.type !== 'text') continue;
    const value = values[field.key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
