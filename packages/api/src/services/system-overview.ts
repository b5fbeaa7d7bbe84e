// The System page's figures: queue and worker state are the install's (counts and process names only); sends and
// failed jobs are the asking org's.
import type { AppDeps } from '../deps.ts';
import { listFailedJobs } from '../ops/failed-jobs.ts';
import { OVERDUE_AFTER_S, readOpsSnapshot } from '../ops/snapshot.ts';

type Scope = Pick<AppDeps, 'db' | 'now' | 'opsSnapshot' | 'workerSilentAfterMs'> & { orgId: string };

const DEFAULT_SILENT_AFTER_MS = 60_000;
const TOP_CODES = 5;

async function failedSends24h(ctx: Scope) {
  const since = new Date(ctx.now().getTime() - 24 * 3600_000);
  const where = { orgId: ctx.orgId, status: 'failed' as const, updatedAt: { gte: since } };
  const [total, codes] = await Promise.all([
    ctx.db.alimtalkSendLog.count({ where }),
    ctx.db.alimtalkSendLog.groupBy({ by: ['resultCode'], where, _count: { _all: true }, orderBy: { _count: { resultCode: 'desc' } }, take: TOP_CODES }),
  ]);
  return { total, since: since.toISOString(), topCodes: codes.map((c) => ({ code: c.resultCode, count: c._count._all })) };
}

export async function readSystemOverview(ctx: Scope) {
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
}
