import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';
import { optionalLinkFieldsShape } from './shared.ts';

/**
 * A saved link (`linkId`), an unsaved draft (`partitionId` + `templateId` + the rest), or a saved link with
 * edits on top (both): draft fields win.
 */
export const ZPreviewInputSchema = z
  .object({ linkId: idSchema.optional(), ...optionalLinkFieldsShape })
  .refine((v) => v.linkId !== undefined || (v.partitionId !== undefined && v.templateId !== undefined), {
    message: 'Give a linkId, or a draft with partitionId and templateId.',
  });

export type TPreviewInputSchema = z.infer<typeof ZPreviewInputSchema>;
