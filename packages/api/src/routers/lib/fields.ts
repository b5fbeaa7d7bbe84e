import { fieldDefinitionSchema, fieldDefinitionsSchema, type FieldDefinition } from '@alimflow/automation-core';

/**
 * A partition's stored field list. Writes are validated, so this only falls back for rows written by hand: the
 * well-formed definitions are kept rather than hiding the whole partition.
 */
export function partitionFields(json: unknown): FieldDefinition[] {
  const parsed = fieldDefinitionsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const one = fieldDefinitionSchema.safeParse(item);
    return one.success ? [one.data] : [];
  });
}
