// Task `automation.evaluate`: committed record changes → a decision per link of each record's partition, each stored
// as an AutomationEvent (fired, or skipped with the reason and the condition trace). A job carries one event, or
// the events of records created together (a graphile-worker batch job, record-insert-batch.ts). It evaluates them
// and the events of other waiting evaluate jobs, up to EVALUATION_BATCH, in ONE transaction (claimJobBatch), so a
// burst costs a statement per step per batch instead of per event; the claimed jobs are deleted in that same
// transaction, so a crash hands all of them back together and a commit finishes all of them together.
import { decideRepeat, matchTrigger, partitionFields, type TriggerLink } from '@alimflow/automation-core';
import { Prisma, withPoolTransaction, type AlimtalkSendLog } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { isDatabaseUnavailable } from '../db-errors.ts';
import { runWithLogContext } from '../ops/log-context.ts';
import { insertAutomationEvents, type AutomationEventInsert } from './bulk-insert.ts';
import { linksOfScopes, partitionsOf, pendingSeriesOf } from './evaluation-reads.ts';
import { enqueueSendGroup, sendGroupKey, sendGroups, TASKS, type RawTx, type SendGroup } from './jobs.ts';
import { claimJobBatch, forgetHeldJobs, holdKeyedJob, runHeldJob } from './job-batch.ts';
import { linkCondition, linkFireOn, linkRepeatConfig, type LinkWithTemplate } from './links.ts';
import { recordEventPayloadSchema, recordEventsOf, type RecordEventPayload } from './records.ts';
import { endSeries } from './repeat-series.ts';
import { ROW_LINK_IDS_SQL, skipRows } from './skip-history.ts';
import { batchLinksOf, type BatchLinks } from './send-accepted.ts';
import { releaseClaimsOnFailure } from './send-claims.ts';
import { decideSends, skipDetail, type DecideSendInput, type QueuedSend } from './send-decision.ts';
import { CLAIM_MS, processSendJob, SEND_BATCH_LIMIT, sendClaimed } from './send.ts';

export interface EvaluationSummary {
  events: number;
  links: number;
  fired: number;
  skipped: number;
  repeatsCompleted: number;
}

/** Events per transaction: big enough to amortise the per-statement cost, small enough to keep the lock time short. */
export const EVALUATION_BATCH = 200;

// Prisma's 5 s default would abort a big batch on a loaded machine; the locks it holds are per (link, record).
const BATCH_TX = { timeoutMs: 60_000 };

/**
 * Up to this many events in a batch, the evaluating job also runs the send jobs it queued, right after its commit:
 * events arriving one by one (20 records/s) then reach NHN without waiting for a second job's wake-up in the
 * worker (measured: the hop was most of commit → NHN). A bigger batch means a backlog; its sends are left to the
 * group jobs, which gather several batches into one NHN call.
 */
export const SEND_HERE_MAX_EVENTS = 20;

/**
 * An evaluate job as graphile-worker runs it. A batch job (array payload) answers with one promise per entry, so
 * graphile-worker retries only the entries that failed (its batch-job protocol); a single event throws.
 */
export async function runEvaluateJob(deps: AppDeps, payload: unknown, lockedBy: string | null, attempts?: number): Promise<void | Promise<void>[]> {
  const parsed = recordEventsOf(payload).map((p) => recordEventPayloadSchema.safeParse(p));
  const events = parsed.flatMap((p) => (p.success ? [p.data] : []));
  const { summary, errors } = events.length ? await evaluateJobBatch(deps, events, lockedBy, attempts) : { summary: emptySummary(), errors: [] };
  deps.logger.debug(summary, 'record events evaluated');
  let next = 0;
  const results = parsed.map((p) => (p.success ? (errors[next++] ?? null) : p.error));
  if (!Array.isArray(payload)) {
    if (results[0]) throw results[0];
    return;
  }
  return results.map((error) => {
    if (!error) return Promise.resolve();
    const failed = Promise.reject(error);
    failed.catch(() => {}); // handled: graphile-worker reads it with allSettled, after this returns
    return failed;
  });
}

/** A mate's events, or undefined (left to run as its own job, where a bad payload fails visibly). */
function mateEvents(payload: unknown): RecordEventPayload[] | undefined {
  const events = recordEventsOf(payload).map((p) => recordEventPayloadSchema.safeParse(p).data);
  return events.every((e) => e !== undefined) ? events : undefined;
}

/** What a job's evaluation came to: the summary, and the error of each of its own events that failed (else null). */
export interface JobEvaluation {
  summary: EvaluationSummary;
  errors: (Error | null)[];
}

/**
 * The worker task: this job's events plus waiting ones. A batch that fails for another reason than the database
 * evaluates this job's events one by one, so one bad event cannot hold back the others: `errors` says which failed,
 * for graphile-worker to retry only those. `lockedBy` is the running job's worker pool: with it, a small batch sends
 * here (see SEND_HERE_MAX_EVENTS). `attempts` is graphile-worker's count for this job, this run included.
 */
export async function evaluateJobBatch(deps: AppDeps, own: RecordEventPayload[], lockedBy?: string | null, attempts?: number): Promise<JobEvaluation> {
  const held: HeldSends = { lockedBy: lockedBy ?? null, jobs: [] };
  // Only a job that ran before can find its events explained: a first run's events, and the mates (fresh jobs,
  // deleted in the transaction that explains them), have nothing stored yet — so they skip the retry check, one
  // statement per batch, which at one event per batch (records arriving one by one) is most of what 20 rules add.
  const ran = attempts === undefined || attempts > 1 ? new Set(own) : new Set<RecordEventPayload>();
  const errors: (Error | null)[] = own.map(() => null);
  let summary: EvaluationSummary;
  try {
    summary = await withPoolTransaction(deps.db, async (tx) => {
      const mates = await claimJobBatch(tx, TASKS.evaluate, EVALUATION_BATCH - own.length, mateEvents);
      return evaluateEvents(deps, tx, [...own, ...mates], held, ran);
    }, BATCH_TX);
  } catch (error) {
    forgetHeldJobs(held.jobs.map((j) => j.jobId));
    held.jobs = [];
    if (isDatabaseUnavailable(error)) throw error;
    summary = emptySummary();
    let down: unknown = null;
    for (const [i, event] of own.entries()) {
      const before = held.jobs.length;
      try {
        addSummary(summary, await withPoolTransaction(deps.db, (tx) => evaluateEvents(deps, tx, [event], held, ran), BATCH_TX));
      } catch (e) {
        // Rolled back: the send jobs it held were never held.
        forgetHeldJobs(held.jobs.splice(before).map((j) => j.jobId));
        if (isDatabaseUnavailable(e)) {
          down = e;
          break;
        }
        errors[i] = e instanceof Error ? e : new Error('the evaluation failed');
      }
    }
    if (down) {
      // The events before it are committed, with their held sends; the whole job retries and finds them decided.
      await sendHere(deps, held);
      throw down;
    }
  }
  await sendHere(deps, held);
  return { summary, errors };
}

const emptySummary = (events = 0): EvaluationSummary => ({ events, links: 0, fired: 0, skipped: 0, repeatsCompleted: 0 });

function addSummary(to: EvaluationSummary, add: EvaluationSummary) {
  for (const key of Object.keys(to) as (keyof EvaluationSummary)[]) to[key] += add[key];
}

/** One event on its own (a retried job, tests). */
export function evaluateRecordEvent(deps: AppDeps, payload: RecordEventPayload): Promise<EvaluationSummary> {
  return withPoolTransaction(deps.db, (tx) => evaluateEvents(deps, tx, [payload], { lockedBy: null, jobs: [] }, new Set([payload])), BATCH_TX);
}

/**
 * The send jobs a small batch took for itself in its transaction (holdKeyedJob), to run after its commit, with the
 * rows it claimed for each (empty: the group is drained as its send job would) and their links as read.
 */
interface HeldSends {
  lockedBy: string | null;
  jobs: { jobId: string; group: SendGroup; claimed: AlimtalkSendLog[]; fresh: boolean; links: BatchLinks }[];
}

// The evaluation is committed: a failed send leaves its job in the queue (runHeldJob unlocks it), so it is logged,
// not thrown — a retried evaluation would only find its events decided.
async function sendHere(deps: AppDeps, held: HeldSends): Promise<void> {
  for (const { jobId, group, claimed, fresh, links } of held.jobs) {
    // Logged as the send job it is (its own job id and task), so an operator follows a send the same way whichever
    // job ran it.
    await runWithLogContext({ jobId, task: TASKS.send }, () =>
      runHeldJob(deps.db, jobId, held.lockedBy!, async () => {
        // Claimed in the evaluation's own transaction: straight to NHN. A job other batches had folded into (not
        // fresh) then drains the group, as the send job would have.
        const result = claimed.length
          ? await releaseClaimsOnFailure(deps, claimed, () => sendClaimed(deps, claimed, deps.now(), links))
          : await processSendJob(deps, { group }, jobId);
        if (result.claimed) deps.logger.info(result, 'send batch processed');
        if (claimed.length && !fresh) {
          const rest = await processSendJob(deps, { group }, jobId);
          if (rest.claimed) deps.logger.info(rest, 'send batch processed');
        }
      }),
    ).catch((error: unknown) => {
      deps.logger.warn({ error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'send after evaluation failed; its send job retries it');
    });
  }
}

const scopeKey = (e: { orgId: string; partitionId: string }) => `${e.orgId}:${e.partitionId}`;

/** `ran`: the events that may have been evaluated before (a retried job's), whose stored skips are looked up first. */
async function evaluateEvents(deps: AppDeps, tx: RawTx, events: RecordEventPayload[], held: HeldSends, ran: ReadonlySet<RecordEventPayload>): Promise<EvaluationSummary> {
  const now = deps.now();
  const summary = emptySummary(events.length);
  const scopes = [...new Map(events.map((e) => [scopeKey(e), { orgId: e.orgId, partitionId: e.partitionId }])).values()];
  const partitions = await partitionsOf(tx, scopes);
  const fieldsOf = new Map(partitions.map((p) => [`${p.orgId}:${p.id}`, partitionFields(p.fields)]));
  // Each link's rule read from its row once per batch (not once per event: 20 rules × every record parsed the same
  // stored condition again), grouped by the scope and trigger an event looks them up by.
  const links = await linksOfScopes(tx, scopes);
  const rulesOf = new Map<string, { link: LinkWithTemplate; rule: TriggerLink }[]>();
  for (const link of links) {
    const key = `${link.orgId}:${link.partitionId}:${link.triggerType}`;
    const rule = { triggerType: link.triggerType, triggerCondition: linkCondition(link), fireOn: linkFireOn(link), isActive: link.isActive };
    rulesOf.set(key, [...(rulesOf.get(key) ?? []), { link, rule }]);
  }
  const linksOf = (e: RecordEventPayload) => rulesOf.get(`${e.orgId}:${e.partitionId}:${e.event === 'create' ? 'on_create' : 'on_update'}`) ?? [];

  const live = events.filter((e) => fieldsOf.has(scopeKey(e)));
  summary.repeatsCompleted = await completeSatisfiedRepeats(tx, live.filter((e) => e.event === 'update'), fieldsOf, now);

  const skips: { event: RecordEventPayload; link: LinkWithTemplate; reason: string; trace: unknown }[] = [];
  const fires: { event: RecordEventPayload; trace: unknown; input: DecideSendInput }[] = [];
  for (const event of live) {
    const fields = fieldsOf.get(scopeKey(event))!;
    for (const { link, rule } of linksOf(event)) {
      summary.links += 1;
      const decision = matchTrigger({
        link: rule,
        event: event.event,
        before: event.before,
        after: event.after,
        fields,
      });
      if (!decision.fire) {
        skips.push({ event, link, reason: decision.reason, trace: decision.trace ?? null });
        continue;
      }
      fires.push({
        event,
        trace: decision.trace,
        input: {
          orgId: event.orgId,
          link,
          recordId: event.recordId,
          data: event.after,
          fields,
          triggerType: 'auto',
          dedupeKey: `auto:${link.id}:${event.recordId}:${event.eventId}`,
          now,
          applyCooldown: true,
          recordSkips: true,
        },
      });
    }
  }

  const { decisions, queued, providerVersions } = await decideSends(tx, fires.map((f) => f.input));
  const rows: AutomationEventInsert[] = [];
  const base = (event: RecordEventPayload, linkId: string) => ({ orgId: event.orgId, linkId, recordId: event.recordId, event: event.event, createdAt: now });
  fires.forEach((fire, i) => {
    const result = decisions[i]!;
    if (result.outcome === 'duplicate') return; // a retried job: this occurrence was decided already
    const fired = result.outcome === 'queued';
    if (fired) summary.fired += 1;
    else summary.skipped += 1;
    rows.push({
      ...base(fire.event, fire.input.link.id),
      decision: fired ? 'fired' : 'skipped',
      // A send held by the send window fired all the same; the history says until when it waits.
      reason: fired ? (result.waitUntil ? 'send_window' : null) : result.reason,
      sendLogId: result.sendLogId,
      detail: {
        eventId: fire.event.eventId,
        trace: fire.trace,
        ...(result.outcome === 'skipped' ? { ...skipDetail(result), until: result.until?.toISOString() ?? null } : {}),
        ...(result.outcome === 'queued' && result.waitUntil ? { until: result.waitUntil.toISOString() } : {}),
      },
    });
  });
  summary.skipped += skips.length;
  // A retried job must not write the same explanation twice.
  const explained = await explainedSkips(tx, [...new Set(skips.map((s) => s.event).filter((e) => ran.has(e)))]);
  const unexplained = skips.filter((s) => !explained.has(`${s.link.id}:${s.event.recordId}:${s.event.eventId}`));
  const ruleSkips = unexplained.map(({ event, link, reason, trace }) => ({ orgId: event.orgId, recordId: event.recordId, event: event.event, eventId: event.eventId, linkId: link.id, reason, trace }));
  rows.push(...skipRows(ruleSkips, now));
  await insertAutomationEvents(tx, rows);

  for (const { runAt, ...group } of sendGroups(queued)) {
    await enqueueSendGroup(tx, group, runAt);
    // A group held by its window waits for its opening; only a group due now is sent here.
    if (runAt || !held.lockedBy || events.length > SEND_HERE_MAX_EVENTS) continue;
    await holdGroup(tx, held, group, queued, { links, providerVersion: providerVersions.get(group.orgId) }, now);
  }
  return summary;
}

/** Holds a due group's send job and claims this batch's rows of it in the same statement (one NHN call's worth). */
async function holdGroup(
  tx: RawTx,
  held: HeldSends,
  group: SendGroup,
  queued: QueuedSend[],
  read: { links: LinkWithTemplate[]; providerVersion: string | undefined },
  now: Date,
) {
  const rows = queued.filter((q) => !q.notBefore && q.orgId === group.orgId && q.templateCode === group.templateCode && q.senderKey === group.senderKey).map((q) => q.row);
  const claimable = rows.length <= SEND_BATCH_LIMIT;
  const until = new Date(now.getTime() + CLAIM_MS);
  const job = await holdKeyedJob(tx, sendGroupKey(group), held.lockedBy!, claimable ? { ids: rows.map((r) => r.id), until, now } : undefined);
  if (!job) return;
  const ofBatch = new Set(rows.map((r) => r.linkId));
  held.jobs.push({
    jobId: job.id,
    group,
    claimed: claimable ? rows.map((r) => ({ ...r, attempts: r.attempts + 1, claimedUntil: until, updatedAt: now })) : [],
    fresh: job.fresh,
    links: { ...batchLinksOf(read.links.filter((l) => ofBatch.has(l.id))), providerVersion: read.providerVersion },
  });
}

async function explainedSkips(tx: RawTx, events: RecordEventPayload[]): Promise<Set<string>> {
  if (!events.length) return new Set();
  const rows = await tx.$queryRaw<{ key: string }[]>`
    SELECT l::text || ':' || "recordId"::text || ':' || (detail->>'eventId') AS key
      FROM "AutomationEvent", unnest(${Prisma.raw(ROW_LINK_IDS_SQL)}) AS l
     WHERE "orgId" = ANY(${[...new Set(events.map((e) => e.orgId))]}::uuid[])
       AND "recordId" = ANY(${[...new Set(events.map((e) => e.recordId))]}::uuid[])
       AND detail->>'eventId' = ANY(${events.map((e) => e.eventId)}::text[])`;
  return new Set(rows.map((r) => r.key));
}

/**
 * FR-05: an update that meets a series' stop condition ends it now rather than at its next due time. The same
 * decision as the sweep's (decideRepeat); only "complete" is acted on here — cancelling for a link's state is the
 * link's and the sweep's business, not this record change's.
 */
async function completeSatisfiedRepeats(
  tx: RawTx,
  updates: RecordEventPayload[],
  fieldsOf: Map<string, ReturnType<typeof partitionFields>>,
  now: Date,
): Promise<number> {
  if (!updates.length) return 0;
  const entries = await pendingSeriesOf(tx, updates);
  let completed = 0;
  for (const payload of updates) {
    for (const entry of entries) {
      if (entry.orgId !== payload.orgId || entry.recordId !== payload.recordId) continue;
      const config = linkRepeatConfig(entry.link);
      if (!config) continue;
      const decision = decideRepeat({
        repeatCount: entry.repeatCount,
        config,
        link: { isActive: entry.link.isActive, deleted: entry.link.deletedAt !== null },
        record: payload.after,
        fields: fieldsOf.get(scopeKey(payload))!,
      });
      if (decision.action !== 'complete') continue;
      const ended = await endSeries(tx, { orgId: payload.orgId, id: entry.id }, {
        status: 'completed',
        reason: decision.reason,
        now,
        detail: () => ({ eventId: payload.eventId, trace: decision.trace ?? null }),
      });
      completed += ended.length;
    }
  }
  return completed;
}
