// API tokens for other systems (Bearer auth, same rights as the user who made them). The token is shown once;
// only its SHA-256 and a display prefix are stored.
import { z } from 'zod';
import { newToken } from '../auth/tokens.ts';
import { iso } from './lib/dates.ts';
import { byIdInput } from './lib/ids.ts';
import { notFound } from './lib/procedures.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

/** "aft_" plus 8 random characters: enough to tell tokens apart, far too little to guess the rest. */
const PREFIX_LENGTH = 12;

export const apiTokenCreateInput = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it, e.g. "CRM sync".').max(100, 'Token names can be at most 100 characters.'),
});

export const apiTokensRouter = router({
  create: adminProcedure.input(apiTokenCreateInput).mutation(async ({ ctx, input }) => {
    const { token, hash } = newToken('aft');
    const row = await ctx.db.apiToken.create({
      data: { orgId: ctx.orgId, userId: ctx.auth.user.id, name: input.name, tokenHash: hash, prefix: token.slice(0, PREFIX_LENGTH) },
    });
    ctx.logger.info({ orgId: ctx.orgId, tokenId: row.id, userId: ctx.auth.user.id }, 'api token created');
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdAt: iso(row.createdAt),
      /** Shown this once; it cannot be read again. */
      token,
    };
  }),

  list: orgProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.apiToken.findMany({
      where: { orgId: ctx.orgId },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: iso(t.createdAt),
      lastUsedAt: iso(t.lastUsedAt),
      revokedAt: iso(t.revokedAt),
      createdBy: t.user,
    }));
  }),

  /** Idempotent: revoking a revoked token keeps its first revocation time. */
  revoke: adminProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
    const token = await ctx.db.apiToken.findFirst({ where: { id: input.id, orgId: ctx.orgId } });
    if (!token) throw notFound('API token');
    if (token.revokedAt) return { id: token.id, revokedAt: iso(token.revokedAt), alreadyRevoked: true };
    await ctx.db.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: ctx.now() } });
    const row = await ctx.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    ctx.logger.info({ orgId: ctx.orgId, tokenId: token.id, userId: ctx.auth.user.id }, 'api token revoked');
    return { id: row.id, revokedAt: iso(row.revokedAt), alreadyRevoked: false };
  }),
});
