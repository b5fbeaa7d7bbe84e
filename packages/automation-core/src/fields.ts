import { z } from 'zod';

export const fieldTypeSchema = z.enum(['text', 'number', 'date', 'select', 'phone']);
export type FieldType = z.infer<typeof fieldTypeSchema>;

/** A field type as the partition editor names it, for Korean messages. */
export const FIELD_TYPE_KO: Readonly<Record<FieldType, string>> = { text: '텍스트', number: '숫자', date: '날짜', select: '선택', phone: '전화번호' };

export const fieldDefinitionSchema = z.object({
  key: z.string().min(1, 'Field key is required'),
  label: z.string().min(1, 'Field label is required'),
  type: fieldTypeSchema,
  // Only meaningful for select fields; the option strings are the stored values.
  options: z.array(z.string()).optional(),
});
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const fieldDefinitionsSchema = z.array(fieldDefinitionSchema).superRefine((fields, ctx) => {
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (seen.has(field.key)) {
      ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `Duplicate field key "${field.key}"` });
    }
    seen.add(field.key);
    if (field.type === 'select' && (field.options ?? []).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'options'],
        message: `Select field "${field.key}" needs at least one option`,
      });
    }
  });
});

/** Record values as stored (JSON); keys are field keys. */
export type RecordData = Record<string, unknown>;

/** First definition wins, mirroring how a duplicate would have been rejected by fieldDefinitionsSchema. */
export function findField(fields: readonly FieldDefinition[], key: string): FieldDefinition | undefined {
  return fields.find((field) => field.key === key);
}

/** Own-property read, so keys such as "constructor" or "__proto__" never reach Object.prototype. */
export function readValue(data: RecordData | null | undefined, key: string): unknown {
  if (data == null || !Object.prototype.hasOwnProperty.call(data, key)) return undefined;
  return data[key];
}

/**
 * Field types a rule may address its message from: phone fields, and text fields (numbers imported as text). Whether
 * the value really is a mobile number is decided per record at send time (`checkSend`).
 */
export const RECIPIENT_FIELD_TYPES = ['phone', 'text'] as const satisfies readonly FieldType[];

export function isRecipientField(field: Pick<FieldDefinition, 'type'> | undefined): boolean {
  return field !== undefined && (RECIPIENT_FIELD_TYPES as readonly FieldType[]).includes(field.type);
}

/**
 * A partition's stored field list, as every reader (worker, API, SPA) sees it. Writes are validated, so this only
 * falls back for rows written by hand: the well-formed definitions are kept rather than hiding the whole partition.
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
