// Record values as the API accepts them: checked against the partition's typed fields, stored in a canonical form
// (numbers as numbers, phone numbers as digits, dates as written ISO strings), so rules compare like with like.
import { describePhoneProblem, findField, normalizePhone, type FieldDefinition, type RecordData } from '@alimflow/automation-core';
import { words, type FieldProblem, type Words } from '../errors.ts';
import type { Language } from '../security/language.ts';

export type RecordPatch = Record<string, unknown>;

/** What is wrong with one field's value, as a phrase after the field's name, in each language the API answers in. */
export type DataProblem = FieldProblem;

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const LOOSE_PHONE = /^\+?[\d\s().-]{7,20}$/;

/** One value → its stored form, or a problem. `null` (and '') clear the field. */
function canonical(field: FieldDefinition, value: unknown): { ok: true; value: unknown } | { ok: false; message: Words } {
  if (value === null || value === '') return { ok: true, value: null };
  switch (field.type) {
    case 'text':
      if (typeof value === 'string') return value.length <= 10_000 ? { ok: true, value } : { ok: false, message: words('10,000자를 넘습니다', 'is longer than 10,000 characters') };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, message: words('문자열이어야 합니다', 'must be text') };
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/,/g, '').trim()) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: words(`숫자여야 합니다 (입력: ${JSON.stringify(value)})`, `must be a number (got ${JSON.stringify(value)})`) };
    }
    case 'date':
      if (typeof value === 'string' && DATE.test(value.trim()) && !Number.isNaN(Date.parse(value.trim().slice(0, 10)))) {
        return { ok: true, value: value.trim() };
      }
      return { ok: false, message: words('2026-11-26 같은 날짜나 ISO 날짜·시간이어야 합니다', 'must be a date like 2026-11-26 or an ISO date-time') };
    case 'select': {
      const options = field.options ?? [];
      if (typeof value === 'string' && options.includes(value.trim())) return { ok: true, value: value.trim() };
      return { ok: false, message: words(`다음 중 하나여야 합니다: ${options.join(', ')}`, `must be one of: ${options.join(', ')}`) };
    }
    case 'phone': {
      if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, message: words('전화번호여야 합니다', 'must be a phone number') };
      const text = String(value).trim();
      const mobile = normalizePhone(text);
      if (mobile.ok) return { ok: true, value: mobile.value };
      // Landlines are valid contact data for a lead even though AlimTalk cannot reach them; the automation
      // explains that at send time instead of refusing the record.
      if (LOOSE_PHONE.test(text)) return { ok: true, value: text.replace(/\D/g, '') };
      return { ok: false, message: words(`전화번호가 아닙니다 (${describePhoneProblem(mobile.code, 'ko')})`, `is not a phone number (${mobile.reason})`) };
    }
  }
}

/** Applies a PATCH (given keys replace, null clears) to `base`; unknown keys and ill-typed values are problems. */
export function applyRecordPatch(
  fields: readonly FieldDefinition[],
  base: RecordData,
  patch: RecordPatch,
): { ok: true; data: RecordData } | { ok: false; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const data: RecordData = { ...base };
  for (const [key, raw] of Object.entries(patch)) {
    const field = findField(fields, key);
    if (!field) {
      const names = fields.map((f) => f.key).join(', ');
      problems.push({ field: key, message: words(`이 파티션의 필드가 아닙니다 (필드: ${names})`, `is not a field of this partition (fields: ${names})`) });
      continue;
    }
    const result = canonical(field, raw);
    if (!result.ok) problems.push({ field: key, message: result.message });
    else if (result.value === null) delete data[key];
    else data[key] = result.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, data };
}

/** "전화번호: 전화번호가 아닙니다 (…)" / "전화번호 is not a phone number (…)"; a problem of no one field stands alone. */
export function describeProblem(p: DataProblem, language: Language): string {
  if (!p.field) return p.message[language];
  return language === 'ko' ? `${p.field}: ${p.message.ko}` : `${p.field} ${p.message.en}`;
}

export function describeProblems(problems: DataProblem[], language: Language): string {
  return problems.map((p) => describeProblem(p, language)).join('; ');
}
