import { DELIVERY_SETTINGS_MESSAGES_KO } from '@alimflow/automation-core';
import { z } from 'zod';

/** A KST calendar day that exists. */
export const holidayDateInput = z
  .string({ error: 'Date must be YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Date must be YYYY-MM-DD')
  // zod runs this after a failed regex too: an unparseable date must be refused, not throw (toISOString would).
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'That date does not exist');

/** The holiday inputs' own messages, after the core schemas' (see localized-input.ts). */
export const MESSAGES_KO: Readonly<Record<string, string>> = {
  ...DELIVERY_SETTINGS_MESSAGES_KO,
  'Date must be YYYY-MM-DD': '날짜는 YYYY-MM-DD 형식으로 입력하세요',
  'That date does not exist': '없는 날짜입니다',
  'Name is required': '이름을 입력하세요',
  'Name is too long (at most 100 characters)': '이름이 너무 깁니다 (최대 100자)',
};
