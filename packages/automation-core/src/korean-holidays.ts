// The preload for an org's holiday list: South Korea's public holidays (substitute holidays included) as the
// official gazette (월력요항) gives them, from a maintained package. Kept out of index.ts so the send decisions stay
// free of any data set: they take the org's list, which an admin can edit after this fills it.
import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import { KST_OFFSET_MS } from './values.ts';

export type Holiday = { date: string; name: string };

/** Public holidays of these years in date order, each once; a year the package has no gazette for yet is left out. */
export async function koreanPublicHolidays(years: readonly number[]): Promise<Holiday[]> {
  const holidays: Holiday[] = [];
  for (const year of new Set(years)) {
    let preset: Awaited<ReturnType<typeof getHolidayPreset>>;
    try {
      preset = await getHolidayPreset(String(year));
    } catch (error) {
      // The package's word for "not published yet"; anything else is a real fault.
      if (error instanceof RangeError) continue;
      throw error;
    }
    for (const [date, names] of Object.entries(preset)) holidays.push({ date, name: names.join(', ') });
  }
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/** The preload: the current and the next year, in KST. */
export function holidayPreloadYears(now: Date): number[] {
  const year = new Date(now.getTime() + KST_OFFSET_MS).getUTCFullYear();
  return [year, year + 1];
}
