import { z } from 'zod';
import { sendManual } from '../services/manual-send.ts';
import { orgProcedure, router } from '../trpc.ts';

export const alimtalkRouter = router({
  /** Manual sends (triggerType "manual") of a link's template to chosen records; cooldown does not apply. */
  sendManual: orgProcedure
    .input(
      z.object({
        linkId: z.uuid('linkId must be a valid id.'),
        recordIds: z.array(z.uuid('Each record id must be a valid id.')).min(1, 'Choose at least one record.').max(1000, 'At most 1,000 records per request.'),
        requestKey: z.string().min(8).max(100).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      sendManual(ctx, { orgId: ctx.orgId, linkId: input.linkId, recordIds: [...new Set(input.recordIds)], requestKey: input.requestKey, userId: ctx.auth.user.id }),
    ),
});
