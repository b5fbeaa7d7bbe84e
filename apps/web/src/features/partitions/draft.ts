// The partition editor's working copy and its conversion to the API's field list. Keys are what records and rules
// store, so an existing field keeps its key when relabelled; a new field gets one made from its label.
export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'phone'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDraft {
  /** Set for fields that already exist; new fields have none until saved. */
  key: string | null;
  label: string;
  type: FieldType;
  /** Select options, one per line or comma-separated as typed. */
  options: string;
}

export interface ApiField {
  key: string;
  label: string;
  type: FieldType;
  options?: string[];
}

export function draftFromFields(fields: readonly ApiField[]): FieldDraft[] {
  return fields.map((f) => ({ key: f.key, label: f.label, type: f.type, options: (f.options ?? []).join(', ') }));
}

export function parseOptions(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((o) => o.trim()).filter((o) => o.length > 0))];
}

/** A key no other field has: the label itself (records read naturally: {"이름": …}), numbered on a clash. */
function freshKey(label: string, taken: Set<string>): string {
  const base = label.trim().slice(0, 90) || 'field';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

export function fieldsFromDraft(drafts: readonly FieldDraft[]): ApiField[] {
  const taken = new Set(drafts.flatMap((d) => (d.key ? [d.key] : [])));
  return drafts.map((d) => {
    let key = d.key;
    if (!key) {
      key = freshKey(d.label, taken);
      taken.add(key);
    }
    const field: ApiField = { key, label: d.label.trim(), type: d.type };
    if (d.type === 'select') field.options = parseOptions(d.options);
    return field;
  });
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
