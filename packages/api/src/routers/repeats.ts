// Repeat series: what reminders are scheduled, and stopping one by hand. The queries are services/repeats-admin.ts.
import { z } from 'zod';
import { byIdInput, idSchema } from '../lib/ids.ts';
import { pageInput } from '../lib/pagination.ts';
import { cancelRepeatSeries, listRepeatSeries } from '../services/repeats-admin.ts';
import { orgProcedure, router } from '../trpc.ts';

export const repeatsListInput = z.object({
  status: z.enum(['pending', 'completed', 'cancelled']).optional(),
  linkId: idSchema.optional(),
  recordId: idSchema.optional(),
  ...pageInput,
});

export const repeatsRouter = router({
  list: orgProcedure.input(repeatsListInput).query(({ ctx, input }) => listRepeatSeries(ctx, ctx.orgId, input)),

  cancel: orgProcedure
    .input(byIdInput)
    .mutation(({ ctx, input }) =>
      cancelRepeatSeries(ctx, { orgId: ctx.orgId, userId: ctx.auth.user.id, now: ctx.now() }, input.id),
    ),
});
