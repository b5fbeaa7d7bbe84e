import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';
import { mappingSchema } from './shared.ts';

export const ZPreviewInputSchema = z.object({ id: idSchema, mapping: mappingSchema });
export type TPreviewInputSchema = z.infer<typeof ZPreviewInputSchema>;
