import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** The file as base64 (≤ 10 MB). */
export const ZUploadInputSchema = z.object({
  partitionId: idSchema,
  filename: z.string().trim().min(1, 'Give the file name.').max(200),
  contentBase64: z.string().min(1, 'The file is empty.').max(Math.ceil((MAX_BYTES * 4) / 3) + 4, 'Files can be at most 10 MB.'),
});
export type TUploadInputSchema = z.infer<typeof ZUploadInputSchema>;
