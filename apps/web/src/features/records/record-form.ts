// The record form, generated from a partition's field definitions: form values ↔ record data, client-side checks
// that mirror the server's (packages/api record-data.ts), and the server's "Invalid record data: …" message split
// back onto the fields it names. Pure, so it is unit-tested.
import { normalizePhone } from '@alimflow/automation-core';
import { z } from 'zod';
import { formatPhoneNumber, phoneDigits } from '@/lib/format';

export type FieldType = 'text' | 'number' | 'date' | 'select' | 'phone';

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  options?: string[] | undefined;
}

/** Form values are strings keyed by position (f0, f1…): field keys may hold dots or spaces, form paths may not. */
export type RecordFormValues = Record<string, string>;

export const fieldName = (index: number) => `f${index}`;

const LOOSE_PHONE = /^\+?[\d\s().-]{7,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isNumberText(text: string): boolean {
  const n = Number(text.replace(/,/g, '').trim());
  return text.trim() !== '' && Number.isFinite(n);
}

function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A phone number the server will accept: a Korean mobile, or a landline-looking number (stored, not sendable). */
export function isAcceptablePhone(text: string): boolean {
  return normalizePhone(text).ok || LOOSE_PHONE.test(text.trim());
}

/** What one form value turns into for the API; '' means "no value". */
function toApiValue(field: FieldDef, raw: string): string | number {
  const text = raw.trim();
  if (text === '') return '';
  if (field.type === 'number') return Number(text.replace(/,/g, ''));
  if (field.type === 'phone') return phoneDigits(text) || text;
  return field.type === 'text' ? raw : text;
}

/** Stored record data → form values (numbers as text, phones as 010-1234-5678, date-times as their day). */
export function recordToFormValues(fields: readonly FieldDef[], data: unknown): RecordFormValues {
  const source = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const values: RecordFormValues = {};
  fields.forEach((field, index) => {
    const value = source[field.key];
    let text = '';
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    if (field.type === 'phone' && text) text = formatPhoneNumber(text);
    if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(text)) text = text.slice(0, 10);
    values[fieldName(index)] = text;
  });
  return values;
}

export function emptyFormValues(fields: readonly FieldDef[]): RecordFormValues {
  return Object.fromEntries(fields.map((_, index) => [fieldName(index), '']));
}

/** Client-side checks; messages are i18n keys ("form.errors.number") with `{label}` as the only parameter. */
export function recordFormSchema(fields: readonly FieldDef[]) {
  const shape: Record<string, z.ZodType<string>> = {};
  fields.forEach((field, index) => {
    const check = (ok: (text: string) => boolean, message: string) =>
      z.string().refine((value) => value.trim() === '' || ok(value.trim()), { message });
    switch (field.type) {
      case 'number':
        shape[fieldName(index)] = check(isNumberText, 'form.errors.number');
        break;
      case 'date':
        shape[fieldName(index)] = check(isDate, 'form.errors.date');
        break;
      case 'select':
        shape[fieldName(index)] = check((v) => (field.options ?? []).includes(v), 'form.errors.select');
        break;
      case 'phone':
        shape[fieldName(index)] = check(isAcceptablePhone, 'form.errors.phone');
        break;
      default:
        shape[fieldName(index)] = z.string().max(10_000, 'form.errors.tooLong');
    }
  });
  // Every value is a string in and out; the generic shape loses that, so say it.
  return z.object(shape) as unknown as z.ZodType<RecordFormValues, RecordFormValues>;
}

/** records.create's `data`: only the fields that have a value. */
export function formToCreateData(fields: readonly FieldDef[], values: RecordFormValues): Record<string, string | number> {
  const data: Record<string, string | number> = {};
  fields.forEach((field, index) => {
    const value = toApiValue(field, values[fieldName(index)] ?? '');
    if (value !== '') data[field.key] = value;
  });
  return data;
}

/**
 * records.update's `data` (PATCH): only the fields whose value differs from what the form started with; an emptied
 * field is sent as null, which clears it.
 */
export function formToPatch(
  fields: readonly FieldDef[],
  initial: RecordFormValues,
  values: RecordFormValues,
): Record<string, string | number | null> {
  const patch: Record<string, string | number | null> = {};
  fields.forEach((field, index) => {
    const name = fieldName(index);
    const before = (initial[name] ?? '').trim();
    const after = (values[name] ?? '').trim();
    const changed =
      field.type === 'phone'
        ? phoneDigits(before) !== phoneDigits(after) || (before === '') !== (after === '')
        : field.type === 'text'
          ? (initial[name] ?? '') !== (values[name] ?? '')
          : before !== after;
    if (!changed) return;
    const value = toApiValue(field, values[name] ?? '');
    patch[field.key] = value === '' ? null : value;
  });
  return patch;
}

/**
 * The server's field problems (tRPC error data `fieldProblems`, already in the UI language) → a message per form
 * field; a problem of a field the form does not show, or an error without them, stays in `rest`.
 */
export function placeFieldProblems(
  problems: readonly { field: string; message: string }[] | null | undefined,
  message: string,
  fields: readonly FieldDef[],
): { byField: Record<string, string>; rest: string[] } {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  if (!problems?.length) return { byField, rest: [message] };
  for (const problem of problems) {
    const index = fields.findIndex((f) => f.key === problem.field);
    if (index === -1) rest.push(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
    else byField[fieldName(index)] = problem.message;
  }
  return { byField, rest };
}
