import type { z } from 'zod';
import { retryFailedSends } from '../../services/send-retry.ts';
import type { OrgContext } from '../../trpc.ts';
import type { retryInput } from './retry.schema.ts';

export const retryHandler = ({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof retryInput> }) =>
  retryFailedSends(ctx, { orgId: ctx.orgId, ids: [...new Set(input.ids)], language: ctx.req.language ?? 'ko' });
