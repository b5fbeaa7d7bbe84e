import { z } from 'zod';
import { emailSchema, roleSchema } from './shared.ts';

export const ZInviteInputSchema = z.object({ email: emailSchema, role: roleSchema.default('member') });
export type TInviteInputSchema = z.infer<typeof ZInviteInputSchema>;
