// The org-wide delivery controls decideSends applies after checkSend says "send": the per-person frequency cap
// (skip, reason frequency_cap) and the send window (hold the pending row until the opening, reason send_window).
// Both apply to automatic and repeat sends only — a manual or test send is a person writing now (frequency-cap.ts
// explains why the cap neither counts nor blocks them; the window follows the same line).
import {
  CAP_COUNTED_STATUSES,
  CAPPED_TRIGGER_TYPES,
  checkSendWindow,
  describeWindowWait,
  frequencyCapSchema,
  frequencyCapSkip,
  isCappedTrigger,
  kstDay,
  normalizePhone,
  readValue,
  resolveSendWindow,
  ruleSendWindowSchema,
  sendWindowSchema,
  type FrequencyCap,
  type RecordData,
  type SendCheck,
  type SendSkip,
  type SendTriggerType,
  type SendWindow,
} from '@alimflow/automation-core';
import type { Tx } from './jobs.ts';
import type { LinkWithTemplate } from './links.ts';

const HOUR_MS = 60 * 60 * 1000;

/** What the controls read of a link: whose number, and the rule's own window setting (stored JSON). */
type ControlledLink = Pick<LinkWithTemplate, 'recipientField'> & { sendWindow: unknown };
type ControlledInput = { orgId: string; link: ControlledLink; data: RecordData; triggerType: SendTriggerType; now: Date };

/** What an org has set: its default window, its cap, and its holiday list. */
export interface OrgControls {
  windows: Map<string, SendWindow | null>;
  caps: Map<string, FrequencyCap | null>;
  holidays: Map<string, string[]>;
}

export interface DeliveryControls extends OrgControls {
  /** Counted sends per `${orgId}:${recipientNo}` (only numbers some capped input of this batch sends to). */
  sentAt: Map<string, Date[]>;
  /** A send this batch just queued counts for the later inputs of the same batch. */
  counted(input: ControlledInput, recipientNo: string): void;
}

const capKey = (orgId: string, recipientNo: string) => `${orgId}:${recipientNo}`;

/**
 * Transaction-scoped advisory locks for these keys, in hash order in one statement: two transactions sharing keys
 * take them in the same order and cannot deadlock each other.
 */
export async function advisoryLocks(tx: Tx, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(h))::int AS n
    FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${keys}::text[]) AS k ORDER BY 1) AS s`;
}

/** A stored JSON setting read with its core schema; unreadable or absent = null (the setting is off). */
export function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | null {
  if (value === null || value === undefined) return null;
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}

/** The rule's own window setting; anything unreadable inherits the org's, never "any time". */
export function ruleWindowOf(link: { sendWindow: unknown }) {
  return parsed(ruleSendWindowSchema, link.sendWindow);
}

/** The orgs' windows, caps and holidays (from `since`'s KST day on): two statements, whatever the number of orgs. */
export async function orgControls(tx: Tx, orgIds: string[], since: number): Promise<OrgControls> {
  if (!orgIds.length) return { windows: new Map(), caps: new Map(), holidays: new Map() };
  const settings = await tx.alimtalkSettings.findMany({ where: { orgId: { in: orgIds } }, select: { orgId: true, sendWindow: true, frequencyCap: true } });
  const holidayRows = await tx.orgHoliday.findMany({ where: { orgId: { in: orgIds }, date: { gte: kstDay(since) } }, select: { orgId: true, date: true } });
  const holidays = new Map<string, string[]>();
  for (const h of holidayRows) holidays.set(h.orgId, [...(holidays.get(h.orgId) ?? []), h.date]);
  return {
    windows: new Map(settings.map((s) => [s.orgId, parsed(sendWindowSchema, s.sendWindow)])),
    caps: new Map(settings.map((s) => [s.orgId, parsed(frequencyCapSchema, s.frequencyCap)])),
    holidays,
  };
}

/**
 * Loads the org settings and holidays of a batch, takes the cap's (org, number) locks, and reads the counted sends
 * of the locked numbers: one statement each, whatever the batch size. `lock: false` is for a read that decides
 * nothing (the rule preview): the same figures, without serialising against sends.
 */
export async function deliveryControls(tx: Tx, inputs: ControlledInput[], { lock = true }: { lock?: boolean } = {}): Promise<DeliveryControls> {
  const earliest = Math.min(...inputs.map((i) => i.now.getTime()));
  const { windows, caps, holidays } = await orgControls(tx, [...new Set(inputs.map((i) => i.orgId))], earliest);

  const capped = new Map<string, { orgId: string; recipientNo: string }>();
  for (const input of inputs) {
    if (!isCappedTrigger(input.triggerType) || !caps.get(input.orgId)) continue;
    const phone = normalizePhone(readValue(input.data, input.link.recipientField));
    if (phone.ok) capped.set(capKey(input.orgId, phone.value), { orgId: input.orgId, recipientNo: phone.value });
  }
  if (lock) await advisoryLocks(tx, [...capped.keys()].map((k) => `cap:${k}`));
  const sentAt = new Map<string, Date[]>();
  if (capped.size) {
    const longest = Math.max(...[...caps.values()].map((c) => c?.periodHours ?? 0));
    const pairs = [...capped.values()];
    // The (orgId, recipientNo, createdAt) index answers this. A failed AlimTalk whose SMS fallback went out still
    // reached the customer (countsTowardCap), so it counts too.
    const rows = await tx.$queryRaw<{ orgId: string; recipientNo: string; createdAt: Date }[]>`
      SELECT l."orgId"::text AS "orgId", l."recipientNo", l."createdAt" FROM "AlimtalkSendLog" l
        JOIN unnest(${pairs.map((p) => p.orgId)}::uuid[], ${pairs.map((p) => p.recipientNo)}::text[]) AS p(org_id, recipient_no)
          ON l."orgId" = p.org_id AND l."recipientNo" = p.recipient_no
       WHERE l."createdAt" > ${new Date(earliest - longest * HOUR_MS)}
         AND l."triggerType"::text = ANY(${[...CAPPED_TRIGGER_TYPES]}::text[])
         AND (l.status::text = ANY(${[...CAP_COUNTED_STATUSES]}::text[]) OR (l.status = 'failed' AND l."fallbackStatus" = 'sent'))`;
    for (const r of rows) {
      const key = capKey(r.orgId, r.recipientNo);
      sentAt.set(key, [...(sentAt.get(key) ?? []), r.createdAt]);
    }
  }
  return {
    windows,
    caps,
    holidays,
    sentAt,
    counted(input, recipientNo) {
      if (!isCappedTrigger(input.triggerType)) return;
      const key = capKey(input.orgId, recipientNo);
      sentAt.set(key, [...(sentAt.get(key) ?? []), input.now]);
    },
  };
}

/** The cap's skip for a send checkSend allowed; null = under the cap, no cap, or not a capped trigger. */
export function frequencyCapCheck(controls: DeliveryControls, input: ControlledInput, recipientNo: string): SendSkip | null {
  if (!isCappedTrigger(input.triggerType)) return null;
  const cap = controls.caps.get(input.orgId) ?? null;
  return frequencyCapSkip(cap, controls.sentAt.get(capKey(input.orgId, recipientNo)) ?? [], input.now);
}

/** When an allowed send must wait for its window: the opening and the log's sentence; null = it goes now. */
export function windowWait(
  controls: Pick<OrgControls, 'windows' | 'holidays'>,
  input: Pick<ControlledInput, 'orgId' | 'triggerType' | 'now'> & { link: { sendWindow: unknown } },
): { until: Date; message: string } | null {
  if (!isCappedTrigger(input.triggerType)) return null;
  const window = resolveSendWindow(controls.windows.get(input.orgId) ?? null, ruleWindowOf(input.link));
  const decision = checkSendWindow(window, controls.holidays.get(input.orgId) ?? [], input.now);
  if (decision.action === 'send') return null;
  // The schema refuses a window without days, so only an invalid clock gets here: fail the job, never send outside.
  if (!decision.until) throw new Error('the send window never opens');
  return { until: decision.until, message: describeWindowWait(decision.until, input.now, 'en') };
}

export type ControlledCheck = { check: SendCheck; wait: { until: Date; message: string } | null };

/**
 * checkSend's answer with the org's delivery controls applied, in the send path's order: a send over the frequency
 * cap becomes its skip; an allowed send outside the window waits for the opening. decideSends and the rule preview
 * both ask this, so the preview says exactly what a send now would do.
 */
export function applyDeliveryControls(controls: DeliveryControls, input: ControlledInput, checked: SendCheck): ControlledCheck {
  const capSkip = checked.action === 'send' ? frequencyCapCheck(controls, input, checked.recipientNo) : null;
  if (capSkip) return { check: { ...checked, action: 'skip', skip: capSkip, problems: [capSkip] }, wait: null };
  return { check: checked, wait: checked.action === 'send' ? windowWait(controls, input) : null };
}
