// What each scenario starts from: its own partition (so figures do not mix), rules, records inserted in bulk.
import type { BenchApp } from './app.ts';
import { LeanHttpClient } from './lean-http.ts';

let phoneSeq = 0;
/** A number no other record of the run has (cooldowns and the fake's bookkeeping stay per recipient). */
export const nextPhone = () => `010${String(10_000_000 + phoneSeq++).padStart(8, '0')}`;

let partitionSeq = 0;
/** A fresh partition per scenario run (names are unique per org, and each of the ≥3 runs needs its own). */
export async function newPartition(app: BenchApp, name: string): Promise<string> {
  name = `${name} #${++partitionSeq}`;
  const seeded = await app.db.partition.findFirstOrThrow({ where: { orgId: app.orgId }, orderBy: { createdAt: 'asc' } });
  const p = await app.db.partition.create({ data: { orgId: app.orgId, name, fields: seeded.fields ?? [], phoneField: seeded.phoneField } });
  return p.id;
}

/** An on-create rule; `matching` false gives a rule that is evaluated (and explains its skip) but never sends. */
export async function addRule(app: BenchApp, partitionId: string, options: { matching?: boolean; repeat?: boolean; name?: string } = {}) {
  const template = await app.db.alimtalkTemplate.findFirstOrThrow({ where: { orgId: app.orgId, templateCode: 'SF_WELCOME' } });
  return app.db.alimtalkTemplateLink.create({
    data: {
      orgId: app.orgId,
      partitionId,
      templateId: template.id,
      name: options.name ?? 'bench rule',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: options.matching === false ? '보류' : '신규' },
      ...(options.repeat ? { repeatConfig: { intervalHours: 1, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '완료' } } } : {}),
    },
  });
}

const clients = new Map<string, LeanHttpClient>();

/** One POST with a JSON body over the bench's keep-alive sockets (lean-http.ts); the status and the whole answer. */
export function postJson(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const { origin, pathname, search } = new URL(url);
  let client = clients.get(origin);
  if (!client) clients.set(origin, (client = new LeanHttpClient(origin)));
  return client.post(pathname + search, headers, body);
}

/** One records.create; `auth` is the session cookie unless given (e.g. `{ authorization: 'Bearer …' }`). */
export async function createOverHttp(app: BenchApp, partitionId: string, auth: Record<string, string> = { cookie: app.cookie }): Promise<number> {
  const t0 = performance.now();
  const body = JSON.stringify({ partitionId, data: { 이름: '벤치고객', 전화번호: nextPhone(), 상태: '신규' } });
  const res = await postJson(`${app.base}/trpc/records.create`, auth, body);
  if (res.status !== 200) throw new Error(`records.create answered ${res.status}: ${res.text}`);
  return performance.now() - t0;
}

/** `total` calls of `call` with `concurrency` in flight; the latencies it returned. */
export async function inParallel(total: number, concurrency: number, call: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        out.push(await call());
      }
    }),
  );
  return out;
}

/**
 * Committed record events without HTTP: records and their evaluate jobs (the payload records.ts writes) inserted in
 * transactions of 1,000, as a bulk import or a busy API would leave them.
 */
export async function insertRecordEvents(app: BenchApp, partitionId: string, total: number, phones: string[] = []): Promise<void> {
  for (let from = 0; from < total; from += 1000) {
    const n = Math.min(1000, total - from);
    const batch = Array.from({ length: n }, () => nextPhone());
    phones.push(...batch);
    await app.db.$executeRaw`
      WITH r AS (
        INSERT INTO "Record" (id, "orgId", "partitionId", data, "createdAt", "updatedAt")
        SELECT gen_random_uuid(), ${app.orgId}::uuid, ${partitionId}::uuid,
               jsonb_build_object('이름', '벤치고객', '전화번호', p, '상태', '신규'), now(), now()
          FROM unnest(${batch}::text[]) AS p
        RETURNING id, data, "createdAt")
      SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW('automation.evaluate',
                   json_build_object('eventId', gen_random_uuid(), 'orgId', ${app.orgId}::text, 'recordId', r.id, 'partitionId', ${partitionId}::text,
                                     'event', 'create', 'before', NULL, 'after', r.data, 'at', r."createdAt"),
                   NULL, now(), 10, NULL, 0, NULL)::graphile_worker.job_spec
          FROM r))`;
  }
}
