// Sending to the records that already match a rule (an enrolment run): what became of each record it considered,
// as the counts the run's progress and result show ("발송 12 · 발송 가능 시간 대기 3 · 쿨다운 2 · …"), and which of
// those a later run may try again. Pure; the service decides each record and stores the tally on the run.
import type { AutomationDecision } from './codes.ts';
import { isRenderSkipReason } from './codes.ts';
import type { Locale } from './describe.ts';

/**
 * One outcome per considered record, disjoint: `sent` went out now, `held` waits for the send window's opening
 * (it is scheduled, not skipped), the rest were skipped. `no_longer_matching`: a retry's record that stopped
 * matching the condition since the run it retries; `other`: a reason this version does not break out.
 */
export const ENROLMENT_OUTCOMES = [
  'sent',
  'held',
  'cooldown',
  'frequency_cap',
  'already_sent',
  'no_phone',
  'render_failed',
  'template_not_approved',
  'no_longer_matching',
  'other',
] as const;
export type EnrolmentOutcome = (typeof ENROLMENT_OUTCOMES)[number];
export type EnrolmentTally = Record<EnrolmentOutcome, number>;

/**
 * Skips that only say "not now": the cooldown and the frequency cap end at a known time, so "retry the skipped"
 * offers them. The others need a change first (a phone number, a template approval, the record itself), and a
 * record already sent to is never sent to again.
 */
export const RETRYABLE_ENROLMENT_OUTCOMES = ['cooldown', 'frequency_cap'] as const satisfies readonly EnrolmentOutcome[];
/** The stored skip reasons a retry run picks its records by (the send log's `reason`). */
export const RETRYABLE_ENROLMENT_REASONS: readonly string[] = RETRYABLE_ENROLMENT_OUTCOMES;

/** What the run decided for one record, as its automation event stores it. */
export type EnrolmentDecision = { decision: AutomationDecision; reason: string | null };

/**
 * What the run found for one record it considered: it no longer matches (a retry's record), the rule already sent
 * to it, or the send decision's result (queued now or held by the window, or skipped and why).
 */
export type EnrolmentFinding =
  | { matched: false }
  | { matched: true; alreadySent: true }
  | { matched: true; alreadySent: false; send: { outcome: 'queued'; held: boolean } | { outcome: 'skipped'; reason: string } | { outcome: 'duplicate' } };

/**
 * The automation event the run writes for a considered record, or null for a decision this run made already (a
 * replayed page: its event exists). A record the rule already sent to is skipped before any send check, so
 * "already sent" wins over everything the send decision could have said.
 */
export function enrolmentDecision(finding: EnrolmentFinding): EnrolmentDecision | null {
  if (!finding.matched) return { decision: 'skipped', reason: 'condition_false' };
  if (finding.alreadySent) return { decision: 'skipped', reason: 'already_sent' };
  const send = finding.send;
  if (send.outcome === 'duplicate') return null;
  if (send.outcome === 'queued') return { decision: 'fired', reason: send.held ? 'send_window' : null };
  return { decision: 'skipped', reason: send.reason };
}

export function emptyTally(): EnrolmentTally {
  return Object.fromEntries(ENROLMENT_OUTCOMES.map((o) => [o, 0])) as EnrolmentTally;
}

/** The outcome of one considered record, from the automation event the run wrote for it. */
export function enrolmentOutcome(decision: EnrolmentDecision): EnrolmentOutcome {
  if (decision.decision === 'fired') return decision.reason === 'send_window' ? 'held' : 'sent';
  if (decision.decision !== 'skipped') return 'other';
  const reason = decision.reason;
  if (reason === 'cooldown' || reason === 'frequency_cap' || reason === 'already_sent' || reason === 'template_not_approved') return reason;
  if (reason === 'invalid_phone') return 'no_phone';
  if (isRenderSkipReason(reason)) return 'render_failed';
  if (reason === 'condition_false') return 'no_longer_matching';
  return 'other';
}

/** Counts the outcomes of a page of decisions. */
export function tallyOutcomes(decisions: readonly EnrolmentDecision[]): EnrolmentTally {
  const tally = emptyTally();
  for (const d of decisions) tally[enrolmentOutcome(d)] += 1;
  return tally;
}

export function addTallies(a: EnrolmentTally, b: EnrolmentTally): EnrolmentTally {
  const sum = emptyTally();
  for (const o of ENROLMENT_OUTCOMES) sum[o] = a[o] + b[o];
  return sum;
}

/** A tally as stored (JSON): unknown keys dropped, anything that is not a non-negative whole number read as 0. */
export function readTally(value: unknown): EnrolmentTally {
  const tally = emptyTally();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return tally;
  const stored = value as Record<string, unknown>;
  for (const o of ENROLMENT_OUTCOMES) {
    const n = stored[o];
    if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) tally[o] = n;
  }
  return tally;
}

/** Records the run sent to, now or at the window's opening. */
export const tallySent = (t: EnrolmentTally) => t.sent + t.held;
/** Records the run considered but did not send to. */
export const tallySkipped = (t: EnrolmentTally) => ENROLMENT_OUTCOMES.reduce((sum, o) => sum + (o === 'sent' || o === 'held' ? 0 : t[o]), 0);
/** Records "retry the skipped" would consider again. */
export const tallyRetryable = (t: EnrolmentTally) => RETRYABLE_ENROLMENT_OUTCOMES.reduce((sum, o) => sum + t[o], 0);

/**
 * The progress bar's share, 0–1: records considered of the records that matched when the run started. Records
 * can start or stop matching while it runs, so `considered` may pass `total`; the bar then stays full.
 */
export function enrolmentProgress(considered: number, total: number): number {
  if (!(total > 0)) return considered > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, considered / total));
}

/**
 * Why a run stopped or is being retried, stored as a code on the run (API clients and the SPA word it themselves):
 * `server_error` — a page failed and the job retries it (the run goes on); `rule_unavailable` — the rule was
 * deleted or switched off, so the run failed with the remaining records not sent to.
 */
export const ENROLMENT_ERRORS = ['server_error', 'rule_unavailable'] as const;
export type EnrolmentError = (typeof ENROLMENT_ERRORS)[number];

/** A stored error as a code; runs stored before the codes kept English text, read by its opening words. */
export function readEnrolmentError(stored: string | null | undefined): EnrolmentError | null {
  if (!stored) return null;
  if ((ENROLMENT_ERRORS as readonly string[]).includes(stored)) return stored as EnrolmentError;
  return stored.startsWith('The rule was deleted') ? 'rule_unavailable' : 'server_error';
}

export function describeEnrolmentError(error: EnrolmentError, locale: Locale): string {
  const lines: Record<EnrolmentError, [string, string]> = {
    server_error: [
      '서버 오류로 실행이 멈췄습니다. 자동으로 다시 시도하며 멈춘 곳부터 이어서 보냅니다.',
      'The run stopped on a server error; it is retried automatically and continues where it stopped.',
    ],
    rule_unavailable: [
      '규칙이 삭제되었거나 꺼져서 남은 레코드에는 보내지 않았습니다.',
      'The rule was deleted or switched off; the remaining records were not sent to.',
    ],
  };
  return lines[error][locale === 'ko' ? 0 : 1];
}
