// API tokens for other systems; the token handling is services/api-tokens.ts.
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/api-tokens.ts';
import { byIdInput } from '../lib/ids.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

export const apiTokenCreateInput = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it, e.g. "CRM sync".').max(100, 'Token names can be at most 100 characters.'),
});

export const apiTokensRouter = router({
  create: adminProcedure.input(apiTokenCreateInput).mutation(({ ctx, input }) => createApiToken(ctx, ctx.orgId, ctx.auth.user.id, input.name)),

  list: orgProcedure.query(({ ctx }) => listApiTokens(ctx, ctx.orgId)),

  /** Idempotent: revoking a revoked token keeps its first revocation time. */
  revoke: adminProcedure.input(byIdInput).mutation(({ ctx, input }) => revokeApiToken(ctx, ctx.orgId, ctx.auth.user.id, input.id)),
});
