// Sending to the records that already match a rule (services/enrolment.ts): admins start a run, everyone sees it.
import { z } from 'zod';
import { idSchema } from '../lib/ids.ts';
import { latestEnrolment, startEnrolment } from '../services/enrolment.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

const byLink = z.object({ linkId: idSchema });

export const enrolmentsRouter = router({
  start: adminProcedure
    .input(byLink)
    .mutation(({ ctx, input }) => startEnrolment(ctx, { orgId: ctx.orgId, userId: ctx.auth.user.id, now: ctx.now() }, input.linkId)),
  latest: orgProcedure.input(byLink).query(({ ctx, input }) => latestEnrolment(ctx, input.linkId)),
});
