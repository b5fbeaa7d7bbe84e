// The System page (admins): is the install keeping up, and what failed. Queue and worker figures are the
// install's (counts and process names only); sends and failed jobs are the caller's org's.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { discardFailedJob, listFailedJobs, retryFailedJob } from '../ops/failed-jobs.ts';
import { OVERDUE_AFTER_S, readOpsSnapshot } from '../ops/snapshot.ts';
import { adminProcedure, router, type OrgContext } from '../trpc.ts';

const DEFAULT_SILENT_AFTER_MS = 60_000;
const TOP_CODES = 5;

const jobInput = z.object({ id: z.string().regex(/^\d{1,18}$/, '작업 번호는 숫자입니다. / A job id is a number.') });
const jobNotFound = () =>
  new DomainError('not_found', '실패한 작업을 찾을 수 없습니다 (이미 처리되었을 수 있습니다). / Failed job not found (it may have been handled already).');

async function failedSends24h(ctx: OrgContext) {
  const since = new Date(ctx.now().getTime() - 24 * 3600_000);
  const where = { orgId: ctx.orgId, status: 'failed' as const, updatedAt: { gte: since } };
  const [total, codes] = await Promise.all([
    ctx.db.alimtalkSendLog.count({ where }),
    ctx.db.alimtalkSendLog.groupBy({ by: ['resultCode'], where, _count: { _all: true }, orderBy: { _count: { resultCode: 'desc' } }, take: TOP_CODES }),
  ]);
  return { total, since: since.toISOString(), topCodes: codes.map((c) => ({ code: c.resultCode, count: c._count._all })) };
}

export const systemRouter = router({
  overview: adminProcedure.query(async ({ ctx }) => {
    const silentAfterMs = ctx.workerSilentAfterMs ?? DEFAULT_SILENT_AFTER_MS;
    const [snapshot, heartbeats, settings, sends, failedJobs] = await Promise.all([
      ctx.opsSnapshot ? ctx.opsSnapshot() : readOpsSnapshot(ctx.db, silentAfterMs),
      ctx.db.workerHeartbeat.findMany({ orderBy: { startedAt: 'asc' }, take: 100 }),
      ctx.db.alimtalkSettings.findUnique({ where: { orgId: ctx.orgId }, select: { provider: true } }),
      failedSends24h(ctx),
      listFailedJobs(ctx.db, ctx.orgId),
    ]);
    const now = ctx.now().getTime();
    return {
      mode: settings?.provider === 'nhn' ? ('nhn' as const) : ('sandbox' as const),
      evaluationLagSeconds: snapshot.evaluationLagSeconds,
      workers: heartbeats.map((w) => ({
        id: w.id,
        hostname: w.hostname,
        pid: w.pid,
        startedAt: w.startedAt.toISOString(),
        lastSeenAt: w.lastSeenAt.toISOString(),
        live: now - w.lastSeenAt.getTime() < silentAfterMs,
      })),
      liveWorkers: snapshot.liveWorkers,
      queues: snapshot.queues,
      repeats: { due: snapshot.repeatsDue, overdue: snapshot.repeatsOverdue, overdueAfterSeconds: OVERDUE_AFTER_S },
      failedSends: sends,
      failedJobs,
    };
  }),

  retryJob: adminProcedure.input(jobInput).mutation(async ({ ctx, input }) => {
    if (!(await retryFailedJob(ctx.db, ctx.orgId, input.id))) throw jobNotFound();
    return { id: input.id, retried: true };
  }),

  discardJob: adminProcedure.input(jobInput).mutation(async ({ ctx, input }) => {
    if (!(await discardFailedJob(ctx.db, ctx.orgId, input.id))) throw jobNotFound();
    return { id: input.id, discarded: true };
  }),
});
