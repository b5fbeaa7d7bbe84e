import { z } from 'zod';
import { idSchema } from '../../lib/ids.ts';
import { roleSchema } from './shared.ts';

export const ZSetRoleInputSchema = z.object({ userId: idSchema, role: roleSchema });
export type TSetRoleInputSchema = z.infer<typeof ZSetRoleInputSchema>;
