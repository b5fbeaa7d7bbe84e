// The record id and the field key → value object that create and update accept.
import { z } from 'zod';
import { safeString, TEXT_CAPS } from '../../security/safe-string.ts';

export const recordIdSchema = z.uuid('Must be a valid id (UUID).');
export const searchSchema = z.string().trim().max(100).optional();
export const recordDataSchema = z.record(safeString(TEXT_CAPS.short).pipe(z.string().min(1, 'Field keys cannot be empty.')), z.unknown(), {
  // A key's own problem (too long, empty) keeps its specific message instead of zod's "Invalid key in record".
  error: (issue) => {
    if (issue.code === 'invalid_type') return 'data must be an object of field key → value.';
    if (issue.code === 'invalid_key') return issue.issues[0]?.message;
    return undefined;
  },
});
