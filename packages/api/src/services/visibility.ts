// Tenant checks for ids used as filters. Logs and events outlive their records (no FK), so a record id is
// visible when the record is in the org or the org still has rows about it; anything else is NOT_FOUND, exactly
// like another org's id.
import { notFound, NOUN } from '../errors.ts';
import type { Scope } from './link-store.ts';

export async function assertRecordVisible(ctx: Scope, recordId: string, hasHistory: () => Promise<unknown>): Promise<void> {
  const record = await ctx.db.record.findFirst({ where: { id: recordId, orgId: ctx.orgId }, select: { id: true } });
  if (record) return;
  if (await hasHistory()) return;
  throw notFound(NOUN.record);
}

/** Deleted links still count: their logs and events remain. */
export async function assertLinkVisible(ctx: Scope, linkId: string): Promise<void> {
  const link = await ctx.db.alimtalkTemplateLink.findFirst({ where: { id: linkId, orgId: ctx.orgId }, select: { id: true } });
  if (!link) throw notFound(NOUN.link);
}
