// The System page (admins): is the install keeping up, and what failed. Queue and worker figures are the
// install's (counts and process names only); sends and failed jobs are the caller's org's.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { discardFailedJob, retryFailedJob } from '../ops/failed-jobs.ts';
import { readSystemOverview } from '../services/system-overview.ts';
import { adminProcedure, router } from '../trpc.ts';

const jobInput = z.object({ id: z.string().regex(/^\d{1,18}$/, '작업 번호는 숫자입니다. / A job id is a number.') });
const jobNotFound = () =>
  new DomainError('not_found', '실패한 작업을 찾을 수 없습니다 (이미 처리되었을 수 있습니다). / Failed job not found (it may have been handled already).');

export const systemRouter = router({
  overview: adminProcedure.query(({ ctx }) => readSystemOverview(ctx)),

  retryJob: adminProcedure.input(jobInput).mutation(async ({ ctx, input }) => {
    if (!(await retryFailedJob(ctx.db, ctx.orgId, input.id))) throw jobNotFound();
    return { id: input.id, retried: true };
  }),

  discardJob: adminProcedure.input(jobInput).mutation(async ({ ctx, input }) => {
    if (!(await discardFailedJob(ctx.db, ctx.orgId, input.id))) throw jobNotFound();
    return { id: input.id, discarded: true };
  }),
});
