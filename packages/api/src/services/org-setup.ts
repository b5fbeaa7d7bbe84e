// A new org as every way of creating one leaves it (`pnpm org:create`, the demo seed): sandbox sending until NHN keys
// are set, and the Korean public holidays of this and next year on its list — the same preload as the settings
// page's — so a send window that skips holidays is right from the first send, before anyone opens the settings.
import { preloadHolidays } from './delivery-settings.ts';
import type { Tx } from './jobs.ts';

export async function createOrgWithDefaults(tx: Tx, input: { name: string; now: Date; senderKey?: string }): Promise<{ id: string }> {
  const org = await tx.org.create({ data: { name: input.name }, select: { id: true } });
  await tx.alimtalkSettings.create({ data: { orgId: org.id, provider: 'sandbox', ...(input.senderKey ? { senderKey: input.senderKey } : {}) } });
  await preloadHolidays(tx, org.id, input.now, false);
  return org;
}
