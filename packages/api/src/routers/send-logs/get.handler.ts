import type { OrgContext } from '../../trpc.ts';
import { eventOutput } from '../lib/events.ts';
import { notFound } from '../lib/procedures.ts';
import type { TGetInputSchema } from './get.schema.ts';
import { sendLogInclude, toSendLogOutput } from './shared.ts';

export async function getHandler({ ctx, input }: { ctx: OrgContext; input: TGetInputSchema }) {
  const row = await ctx.db.alimtalkSendLog.findFirst({ where: { id: input.id, orgId: ctx.orgId }, include: sendLogInclude });
  if (!row) throw notFound('Send log');
  const events = await ctx.db.automationEvent.findMany({
    where: { orgId: ctx.orgId, sendLogId: row.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return {
    ...toSendLogOutput(row),
    dedupeKey: row.dedupeKey,
    events: events.map(eventOutput),
  };
}
