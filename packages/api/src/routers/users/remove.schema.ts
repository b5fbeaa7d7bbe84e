import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';

export const ZRemoveInputSchema = z.object({ userId: idSchema });
export type TRemoveInputSchema = z.infer<typeof ZRemoveInputSchema>;
