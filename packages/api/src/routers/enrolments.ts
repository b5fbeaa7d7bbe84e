// Sending to the records that already match a rule (services/enrolment.ts): admins start a run, everyone sees it.
import { z } from 'zod';
import { idSchema } from '../lib/ids.ts';
import { latestEnrolment, startEnrolment } from '../services/enrolment.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

const byLink = z.object({ linkId: idSchema });
/** `retrySkipped`: try again only the last run's cooldown and frequency-cap skips. */
const startInput = byLink.extend({ retrySkipped: z.boolean().optional() });

export const enrolmentsRouter = router({
  start: adminProcedure
    .input(startInput)
    .mutation(({ ctx, input }) =>
      startEnrolment(ctx, { orgId: ctx.orgId, userId: ctx.auth.user.id, now: ctx.now(), language: ctx.req.language ?? 'ko' }, input.linkId, {
        retrySkipped: input.retrySkipped ?? false,
        language: ctx.req.language ?? 'ko',
      }),
    ),
  latest: orgProcedure.input(byLink).query(({ ctx, input }) => latestEnrolment(ctx, input.linkId, ctx.req.language ?? 'ko')),
});
