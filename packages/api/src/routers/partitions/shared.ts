// The partition's name, field list and phone field, as create, update and checkUpdate accept them.
import { fieldDefinitionsSchema } from '@alimflow/automation-core';
import { z } from 'zod';

const MAX_FIELDS = 100;

export const nameSchema = z.string().trim().min(1, 'Give the partition a name.').max(100, 'Partition names can be at most 100 characters.');
export const fieldsSchema = z
  .array(
    z.object({
      key: z.string().trim().min(1, 'Field key is required').max(100, 'Field keys can be at most 100 characters'),
      label: z.string().trim().min(1, 'Field label is required').max(100, 'Field labels can be at most 100 characters'),
      type: z.enum(['text', 'number', 'date', 'select', 'phone'], { error: 'Field type must be text, number, date, select or phone' }),
      options: z.array(z.string().trim().min(1, 'Options cannot be empty').max(100)).max(200).optional(),
    }),
  )
  .max(MAX_FIELDS, `A partition can have at most ${MAX_FIELDS} fields`)
  // Duplicate keys and select options are automation-core's rules.
  .pipe(fieldDefinitionsSchema);
/** null = no default phone field. */
export const phoneFieldSchema = z.string().trim().min(1).max(100).nullable();
