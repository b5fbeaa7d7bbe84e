// Date inputs as the SPA's date pickers send them. A bare day is a KST calendar day, because that is the day the
// admins see; `to` is exclusive, so a bare `to` day includes that whole day.
import { KST_OFFSET_MS } from '@alimflow/automation-core';
import { z } from 'zod';

const DAY_MS = 86_400_000;

export const dateBoundInput = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'Use a date (YYYY-MM-DD, KST) or an ISO date-time with a time zone.',
});

function kstMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - KST_OFFSET_MS;
}

export function fromBound(value: string): Date {
  return new Date(value.length === 10 ? kstMidnight(value) : Date.parse(value));
}

export function toBound(value: string): Date {
  return new Date(value.length === 10 ? kstMidnight(value) + DAY_MS : Date.parse(value));
}

/** YYYY-MM-DD HH:mm:ss in KST, for files people open in Excel. */
export function kstTimestamp(date: Date | null | undefined): string {
  if (!date) return '';
  return new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
