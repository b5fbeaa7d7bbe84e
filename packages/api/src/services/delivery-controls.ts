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
import type { RawTx } from './jobs.ts';
import { providerSettingsVersion } from './provider-resolver.ts';
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
  /** Each org's provider settings version (providerSettingsVersion), read in the same statement as the controls. */
  providerVersions: Map<string, string>;
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
export async function advisoryLocks(tx: RawTx, keys: string[]): Promise<void> {
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

/**
 * The orgs' windows, caps and holidays (from `since`'s KST day on), and each org's provider settings version: one
 * statement, whatever the number of orgs.
 */
export async function orgControls(tx: RawTx, orgIds: string[], since: number): Promise<OrgControls> {
  const settings = orgIds.length
    ? await tx.$queryRaw<{ orgId: string; stored: boolean; sendWindow: unknown; frequencyCap: unknown; provider: string | null; updatedAt: Date | null; holidays: string[] }[]>`
        SELECT o.org_id::text AS "orgId", s."orgId" IS NOT NULL AS stored, s."sendWindow", s."frequencyCap", s.provider::text AS provider, s."updatedAt",
               ARRAY(SELECT h.date FROM "OrgHoliday" h WHERE h."orgId" = o.org_id AND h.date >= ${kstDay(since)} ORDER BY h.date) AS holidays
          FROM unnest(${orgIds}::uuid[]) AS o(org_id) LEFT JOIN "AlimtalkSettings" s ON s."orgId" = o.org_id`
    : [];
  const stored = settings.filter((s) => s.stored);
  return {
    windows: new Map(stored.map((s) => [s.orgId, parsed(sendWindowSchema, s.sendWindow)])),
    caps: new Map(stored.map((s) => [s.orgId, parsed(frequencyCapSchema, s.frequencyCap)])),
    holidays: new Map(settings.filter((s) => s.holidays.length).map((s) => [s.orgId, s.holidays])),
    providerVersions: new Map(settings.map((s) => [s.orgId, providerSettingsVersion(s.provider, s.updatedAt)])),
  };
}

/**
 * Loads the org settings and holidays of a batch, takes the cap's (org, number) locks, and reads the counted sends
 * of the locked numbers: one statement each, whatever the batch size. `lock: false` is for a read that decides
 * nothing (the rule preview): the same figures, without serialising against sends.
 */
export async function deliveryControls(tx: RawTx, inputs: ControlledInput[], { lock = true }: { lock?: boolean } = {}): Promise<DeliveryControls> {
  const earliest = Math.min(...inputs.map((i) => i.now.getTime()));
  const { windows, caps, holidays, providerVersions } = await orgControls(tx, [...new Set(inputs.map((i) => i.orgId))], earliest);

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
      const list = sentAt.get(key);
      if (list) list.push(r.createdAt);
      else sentAt.set(key, [r.createdAt]);
    }
  }
  return {
    windows,
    caps,
    holidays,
    sentAt,
    providerVersions,
    counted(input, recipientNo) {
      if (!isCappedTrigger(input.triggerType)) return;
      const key = capKey(input.orgId, recipientNo);
      const list = sentAt.get(key);
      if (list) list.push(input.now);
      else sentAt.set(key, [input.now]);
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
