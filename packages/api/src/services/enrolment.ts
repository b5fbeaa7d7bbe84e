// Enrolment: "send to the records that already match" when a rule is created or switched on. A background job walks
// the rule's partition in pages (keyset by record id; enrolment-page.ts) and decides each matching record through
// decideSends, so the same checks as a live trigger apply (cooldown, and the org's caps and windows). Each page
// commits together with its events, progress, tally and cursor, so a crashed run resumes after the last committed
// page. A record this rule already sent to is never sent to again: the per-(rule, record) lock and the look-up of
// its sends happen in the page's transaction, so concurrent runs and live triggers take turns per record.
// "Retry the skipped" (retrySkipped) starts a run over the last run's cooldown and frequency-cap skips only.
import { describeEnrolmentError, partitionFields, readEnrolmentError, readTally, tallyRetryable, type EnrolmentError } from '@alimflow/automation-core';
import type { RuleEnrolment } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { precondition } from '../errors.ts';
import type { Language } from '../security/language.ts';
import { enrolPage, matchesNow, type EnrolmentStatus } from './enrolment-page.ts';
import { addJob, TASKS, type Tx } from './jobs.ts';
import type { LinkActor } from './link-admin.ts';
import { loadLink, type Scope } from './link-store.ts';
import { linkCondition } from './links.ts';

export type { EnrolmentStatus } from './enrolment-page.ts';

/** Records per transaction: a page's locks and sends commit together, so it stays short on a busy worker. */
export const ENROL_PAGE = 200;
const PAGE_TX = { maxWait: 10_000, timeout: 60_000 };
/** Records read per statement while counting the matching ones at the start. */
const COUNT_PAGE = 1_000;

export function toEnrolmentOutput(row: RuleEnrolment, language: Language = 'ko') {
  const tally = readTally(row.tally);
  const errorCode = readEnrolmentError(row.error);
  return {
    id: row.id,
    linkId: row.linkId,
    status: row.status as EnrolmentStatus,
    /** Matching records when the run started (for a retry: the skips it retries). */
    total: row.total,
    /** Records walked: the partition's, or the retried skips. */
    processed: row.processed,
    /** Records decided, each with its `enrol` automation event. */
    considered: row.considered,
    sent: row.sent,
    skipped: row.skipped,
    tally,
    /** Skips a "retry the skipped" run would try again (cooldown, frequency cap). */
    retryable: tallyRetryable(tally),
    retryOfId: row.retryOfId,
    /** Why the run failed, or why a running one is being retried; null when neither. */
    errorCode,
    /** The same in the caller's language. */
    error: errorCode ? describeEnrolmentError(errorCode, language) : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
export type EnrolmentOutput = ReturnType<typeof toEnrolmentOutput>;

const enrolJobKey = (linkId: string) => `enrol:${linkId}`;

const MESSAGES = {
  manual: {
    ko: '자동 규칙(레코드 추가·수정 시)만 지금 조건에 맞는 레코드에 보낼 수 있습니다.',
    en: 'Only automatic rules (on create or on update) send to the records that already match.',
  },
  inactive: {
    ko: '지금 조건에 맞는 레코드에 보내려면 먼저 규칙을 켜세요.',
    en: 'Switch the rule on before sending to the records that already match.',
  },
  nothingToRetry: {
    ko: '다시 보낼 레코드가 없습니다: 마지막 일괄 발송에서 쿨다운이나 빈도 제한으로 건너뛴 레코드가 없습니다.',
    en: 'Nothing to retry: the last bulk send skipped no record for the cooldown or the frequency cap.',
  },
} as const;

export interface StartOptions {
  /** Try again the records the rule's last run skipped for the cooldown or the frequency cap, and only those. */
  retrySkipped?: boolean;
  language?: Language;
}

/**
 * Starts the run, or returns the one already running for this rule: two clicks (or two admins) never start two
 * runs — the rule's advisory lock serialises the check and the insert.
 */
export async function startEnrolment(
  deps: Pick<AppDeps, 'db'>,
  actor: LinkActor,
  linkId: string,
  options: StartOptions = {},
): Promise<EnrolmentOutput> {
  const say = (key: keyof typeof MESSAGES) => MESSAGES[key][options.language ?? 'ko'];
  // Counting the matching records reads the whole partition: longer than Prisma's 5 s default on a big one.
  return deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${enrolJobKey(linkId)}, 0))::text AS locked`;
    const link = await loadLink({ db: tx, orgId: actor.orgId }, linkId);
    if (link.triggerType === 'manual') throw precondition(say('manual'));
    if (!link.isActive) throw precondition(say('inactive'));
    const running = await tx.ruleEnrolment.findFirst({ where: { orgId: actor.orgId, linkId, status: 'running' } });
    if (running) return toEnrolmentOutput(running, options.language);
    let retryOfId: string | null = null;
    let total: number;
    if (options.retrySkipped) {
      const last = await tx.ruleEnrolment.findFirst({ where: { orgId: actor.orgId, linkId }, orderBy: { createdAt: 'desc' } });
      const retryable = last ? tallyRetryable(readTally(last.tally)) : 0;
      if (!last || retryable === 0) throw precondition(say('nothingToRetry'));
      retryOfId = last.id;
      total = retryable;
    } else {
      total = await countMatching(tx, actor.orgId, link);
    }
    const row = await tx.ruleEnrolment.create({
      data: { orgId: actor.orgId, linkId, total, retryOfId, createdById: actor.userId, createdAt: actor.now, updatedAt: actor.now },
    });
    await addJob(tx, TASKS.enrolRecords, { enrolmentId: row.id }, { jobKey: enrolJobKey(linkId), maxAttempts: 10 });
    return toEnrolmentOutput(row, options.language);
  }, PAGE_TX);
}

/** The records that match the rule now (the preview's count, without its cap): the progress bar's whole. */
async function countMatching(tx: Tx, orgId: string, link: Awaited<ReturnType<typeof loadLink>>): Promise<number> {
  const partition = await tx.partition.findFirstOrThrow({ where: { id: link.partitionId, orgId } });
  const fields = partitionFields(partition.fields);
  const condition = linkCondition(link);
  let matching = 0;
  for (let cursor: string | undefined; ; ) {
    const records = await tx.record.findMany({
      where: { orgId, partitionId: link.partitionId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: COUNT_PAGE,
      select: { id: true, data: true },
    });
    for (const r of records) if (matchesNow(condition, r, fields).matched) matching++;
    if (records.length < COUNT_PAGE) return matching;
    cursor = records.at(-1)!.id;
  }
}

/** The rule's newest run (what the builder and the rule detail show), or null if it never ran. */
export async function latestEnrolment(scope: Scope, linkId: string, language: Language = 'ko'): Promise<EnrolmentOutput | null> {
  await loadLink(scope, linkId);
  const row = await scope.db.ruleEnrolment.findFirst({ where: { orgId: scope.orgId, linkId }, orderBy: { createdAt: 'desc' } });
  return row ? toEnrolmentOutput(row, language) : null;
}

export interface RunOptions {
  pageSize?: number;
  /** Stop after this many pages (a worker that dies mid-run, in tests). */
  maxPages?: number;
}

/** The worker task: pages until the partition is walked. Safe to run again at any point. */
export async function runEnrolment(deps: AppDeps, enrolmentId: string, options: RunOptions = {}): Promise<void> {
  for (let page = 0; options.maxPages === undefined || page < options.maxPages; page++) {
    const more = await deps.db.$transaction((tx) => enrolPage(deps, tx, enrolmentId, options.pageSize ?? ENROL_PAGE), PAGE_TX);
    if (!more) return;
  }
}

/** Kept on the run while the job retries: the SPA shows it until the next page gets through. */
export async function noteEnrolmentError(deps: Pick<AppDeps, 'db' | 'now'>, enrolmentId: string): Promise<void> {
  await deps.db.ruleEnrolment.updateMany({
    where: { id: enrolmentId, status: 'running' },
    data: { error: 'server_error' satisfies EnrolmentError, updatedAt: deps.now() },
  });
}
