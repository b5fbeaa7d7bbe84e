import type { z } from 'zod';
import { byIdInput } from '../../lib/ids.ts';

export const ZRevokeInvitationInputSchema = byIdInput;
export type TRevokeInvitationInputSchema = z.infer<typeof ZRevokeInvitationInputSchema>;
