// "Is this rule working?" — the funnel and goal rate of one rule, or of every rule for the dashboard.
import { RESULT_PERIOD_DAYS } from '@alimflow/automation-core';
import { z } from 'zod';
import { idSchema } from '../lib/ids.ts';
import { resultsForRule, resultsOverview } from '../services/rule-results.ts';
import { orgProcedure, router } from '../trpc.ts';

const days = z.union(RESULT_PERIOD_DAYS.map((d) => z.literal(d)) as [z.ZodLiteral<7>, z.ZodLiteral<30>], {
  error: 'days must be 7 or 30.',
});

export const ruleResultsRouter = router({
  forRule: orgProcedure
    .input(z.object({ linkId: idSchema, days }))
    .query(({ ctx, input }) => resultsForRule(ctx, input.linkId, input.days, ctx.now())),
  overview: orgProcedure.input(z.object({ days })).query(({ ctx, input }) => resultsOverview(ctx, input.days, ctx.now())),
});
