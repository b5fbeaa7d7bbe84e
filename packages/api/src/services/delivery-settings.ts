// The org's delivery controls as admins edit them: the default send window, the frequency cap and the holiday
// list. The holiday list is filled once from the Korean public holidays (current and next year) — on the first
// visit to the settings, or when an org is created — and is the admin's to edit from then on.
import {
  frequencyCapSchema,
  sendWindowSchema,
  subjectParticle,
  type FrequencyCap,
  type SendWindow,
} from '@alimflow/automation-core';
import { holidayPreloadYears, koreanPublicHolidays } from '@alimflow/automation-core/korean-holidays';
import { Prisma } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { conflict, notFound, words } from '../errors.ts';
import { parsed } from './delivery-controls.ts';
import type { Tx } from './jobs.ts';

type Db = Tx;
type Deps = Pick<AppDeps, 'db' | 'logger'>;

export interface DeliverySettings {
  sendWindow: SendWindow | null;
  frequencyCap: FrequencyCap | null;
  holidays: { date: string; name: string }[];
  holidaysPreloaded: boolean;
}

export async function readDeliverySettings(db: Db, orgId: string): Promise<DeliverySettings> {
  const [row, holidays] = await Promise.all([
    db.alimtalkSettings.findUnique({ where: { orgId }, select: { sendWindow: true, frequencyCap: true, holidaysPreloadedAt: true } }),
    db.orgHoliday.findMany({ where: { orgId }, select: { date: true, name: true }, orderBy: { date: 'asc' } }),
  ]);
  return {
    sendWindow: parsed(sendWindowSchema, row?.sendWindow),
    frequencyCap: parsed(frequencyCapSchema, row?.frequencyCap),
    holidays,
    holidaysPreloaded: Boolean(row?.holidaysPreloadedAt),
  };
}

/**
 * Adds the public holidays of the current and next year (KST) that the list lacks; an admin's own entries and
 * removals of other years stay. `onlyFirstTime`: do nothing if the org was preloaded before (the settings' first
 * visit), so holidays an admin removed do not come back.
 */
export async function preloadHolidays(db: Db, orgId: string, now: Date, onlyFirstTime: boolean): Promise<number> {
  if (onlyFirstTime) {
    const row = await db.alimtalkSettings.findUnique({ where: { orgId }, select: { holidaysPreloadedAt: true } });
    if (row?.holidaysPreloadedAt) return 0;
  }
  const holidays = await koreanPublicHolidays(holidayPreloadYears(now));
  const { count } = await db.orgHoliday.createMany({ data: holidays.map((h) => ({ orgId, ...h })), skipDuplicates: true });
  await db.alimtalkSettings.upsert({ where: { orgId }, create: { orgId, holidaysPreloadedAt: now }, update: { holidaysPreloadedAt: now } });
  return count;
}

/** `undefined` keeps a setting, `null` clears it (any time / no cap). Inputs arrive parsed by the core schemas. */
async function updateDeliverySettings(
  db: Db,
  orgId: string,
  patch: { sendWindow?: SendWindow | null | undefined; frequencyCap?: FrequencyCap | null | undefined },
): Promise<void> {
  const json = (v: object | null) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));
  const data = {
    ...(patch.sendWindow !== undefined ? { sendWindow: json(patch.sendWindow) } : {}),
    ...(patch.frequencyCap !== undefined ? { frequencyCap: json(patch.frequencyCap) } : {}),
  };
  await db.alimtalkSettings.upsert({ where: { orgId }, create: { orgId, ...data }, update: data });
}

async function addHoliday(db: Db, orgId: string, holiday: { date: string; name: string }): Promise<void> {
  const existing = await db.orgHoliday.findUnique({ where: { orgId_date: { orgId, date: holiday.date } } });
  if (existing) throw conflict(words(`공휴일 목록에 ${holiday.date}(${existing.name})${subjectParticle(existing.name)} 이미 있습니다.`, `${holiday.date} is already on the holiday list (${existing.name}).`));
  await db.orgHoliday.create({ data: { orgId, ...holiday } });
}

async function removeHoliday(db: Db, orgId: string, date: string): Promise<void> {
  const { count } = await db.orgHoliday.deleteMany({ where: { orgId, date } });
  if (!count) throw notFound(words(`${date} 공휴일`, `Holiday ${date}`));
}

// ── what the settings screen calls: each change in one transaction, answered with the settings as they are now ──
/** An admin's visit fills the holiday list with the public holidays the first time (once per org). */
export async function openDeliverySettings(deps: Deps, orgId: string, { fillHolidays, now }: { fillHolidays: boolean; now: Date }) {
  if (fillHolidays) await deps.db.$transaction((tx) => preloadHolidays(tx, orgId, now, true));
  return readDeliverySettings(deps.db, orgId);
}

export async function changeDeliverySettings(
  deps: Deps,
  actor: { orgId: string; userId: string },
  patch: { sendWindow?: SendWindow | null | undefined; frequencyCap?: FrequencyCap | null | undefined },
) {
  await deps.db.$transaction((tx) => updateDeliverySettings(tx, actor.orgId, patch));
  deps.logger.info({ orgId: actor.orgId, userId: actor.userId, changed: Object.keys(patch) }, 'delivery settings updated');
  return readDeliverySettings(deps.db, actor.orgId);
}

export async function addOrgHoliday(deps: Deps, orgId: string, holiday: { date: string; name: string }) {
  await deps.db.$transaction((tx) => addHoliday(tx, orgId, holiday));
  return readDeliverySettings(deps.db, orgId);
}

export async function removeOrgHoliday(deps: Deps, orgId: string, date: string) {
  await deps.db.$transaction((tx) => removeHoliday(tx, orgId, date));
  return readDeliverySettings(deps.db, orgId);
}

/** The preload button: adds the public holidays of this and next year the list lacks. */
export async function reloadPublicHolidays(deps: Deps, orgId: string, now: Date) {
  const added = await deps.db.$transaction((tx) => preloadHolidays(tx, orgId, now, false));
  return { added, ...(await readDeliverySettings(deps.db, orgId)) };
}
