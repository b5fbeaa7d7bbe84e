// A calendar day typed by hand, read the way Korean admins write it: 2026-03-01, 2026.3.1, 2026/03/01 or 20260301.
// The native date field shows the browser's order (mm/dd/yyyy in an English browser), so the SPA's date fields are
// text in 연도-월-일 order with the native picker behind a button; this is what turns the text into a day.

/** The ISO day (YYYY-MM-DD) the text names, or null if it names none (incomplete, or a day the calendar lacks). */
export function parseDateText(text: string): string | null {
  const trimmed = text.trim();
  const parts = /^(\d{4})[-./\s]*(\d{1,2})[-./\s]*(\d{1,2})\.?$/.exec(trimmed);
  if (!parts) return null;
  if (/^\d+$/.test(trimmed) && trimmed.length !== 8) return null; // 2026311 is ambiguous
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > lastDay) return null;
  return `${parts[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
