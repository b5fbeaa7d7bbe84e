// What a drill is and what it reports. Each drill starts its own cluster, breaks something, and ends with checks
// (all must hold) and figures (printed and written to bench/results/drills.json).
import { startCluster, type Cluster, type ClusterOptions } from './cluster.ts';
import { login } from './client.ts';

export type Scale = 'full' | 'small';

export interface Check {
  name: string;
  ok: boolean;
}

export interface DrillOutcome {
  checks: Check[];
  figures: Record<string, number | string>;
}

export interface Drill {
  id: string;
  title: string;
  /** One sentence: what passing this drill proves. */
  proves: string;
  /** `shared`: run on this cluster (the small versions in `pnpm test` share one) instead of a fresh one. */
  run(scale: Scale, shared?: Cluster): Promise<DrillOutcome>;
}

export interface DrillResult extends DrillOutcome {
  id: string;
  title: string;
  passed: boolean;
  seconds: number;
  error?: string;
}

export const check = (name: string, ok: boolean): Check => ({ name, ok });

export interface DrillOrg {
  orgId: string;
  partitionId: string;
  linkId: string;
  cookie: string;
}

/** Runs `fn` on the shared cluster, or on a fresh one that is torn down afterwards. */
export async function withCluster<T>(
  shared: Cluster | undefined,
  options: ClusterOptions,
  fn: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  if (shared) return fn(shared);
  const cluster = await startCluster(options);
  try {
    return await fn(cluster);
  } finally {
    await cluster.close();
  }
}

/**
 * The seeded demo org with a partition of its own (so drills sharing a cluster audit only their records) and one
 * rule: the welcome message on every new 신규 lead, or (`repeat`) a manual rule with a reminder series; no cooldown.
 */
export async function prepareOrg(cluster: Cluster, rule: { repeat?: boolean } = {}): Promise<DrillOrg> {
  const { db } = cluster;
  const admin = await db.user.findFirstOrThrow({ where: { email: 'drill@example.com' } });
  const demo = await db.partition.findFirstOrThrow({
    where: { orgId: admin.orgId },
    orderBy: { createdAt: 'asc' },
  });
  const partition = await db.partition.create({
    data: {
      orgId: admin.orgId,
      name: `drill ${crypto.randomUUID().slice(0, 8)}`,
      fields: demo.fields ?? [],
      phoneField: demo.phoneField,
    },
  });
  const template = await db.alimtalkTemplate.findFirstOrThrow({
    where: { orgId: admin.orgId, templateCode: rule.repeat ? 'SF_REMIND' : 'SF_WELCOME' },
  });
  const link = await db.alimtalkTemplateLink.create({
    data: {
      orgId: admin.orgId,
      partitionId: partition.id,
      templateId: template.id,
      name: rule.repeat ? 'drill reminder' : 'drill welcome',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호', 상태: '상태' },
      triggerType: rule.repeat ? 'manual' : 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      cooldownHours: 0,
      ...(rule.repeat
        ? {
            repeatConfig: {
              intervalHours: 24,
              maxRepeat: 3,
              stopCondition: { field: '상태', operator: 'eq', value: '응답완료' },
            },
          }
        : {}),
    },
  });
  return {
    orgId: admin.orgId,
    partitionId: partition.id,
    linkId: link.id,
    cookie: await login(cluster.baseUrl),
  };
}

/** Jobs currently locked by the graphile-worker pools of the worker process with this pid. */
export async function jobsLockedBy(cluster: Cluster, pid: number | undefined): Promise<number> {
  const row = await cluster.db.workerHeartbeat.findFirst({ where: { pid: pid ?? -1 } });
  if (!row) return 0;
  const [counted] = await cluster.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM graphile_worker.jobs WHERE locked_by = ANY(${row.poolIds}::text[])`;
  return Number(counted?.n ?? 0);
}

export const no500 = (statuses: Record<string, number>) =>
  Object.keys(statuses).every((s) => !s.startsWith('5') || s === '503');

export const round = (n: number, digits = 1): number | string =>
  Number.isFinite(n) ? Number(n.toFixed(digits)) : 'never';

/** Runs `fn` once, when a burst reaches `count` created records; `done()` waits for it (or resolves at once). */
export function atCount<T>(
  count: number,
  fn: () => Promise<T>,
): { onCreated: (n: number) => void; done: () => Promise<T | undefined> } {
  let running: Promise<T> | undefined;
  return {
    onCreated: (n) => {
      if (n === count && !running) running = fn();
    },
    done: () => running ?? Promise.resolve(undefined),
  };
}
