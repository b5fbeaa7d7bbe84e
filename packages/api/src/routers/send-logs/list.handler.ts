import type { OrgContext } from '../../trpc.ts';
import { afterCursor, keysetOrder, toPage } from '../lib/pagination.ts';
import { sendLogWhere } from './filters.ts';
import type { TListInputSchema } from './list.schema.ts';
import { sendLogInclude, toSendLogOutput } from './shared.ts';

export async function listHandler({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) {
  const where = await sendLogWhere(ctx, input);
  const rows = await ctx.db.alimtalkSendLog.findMany({
    where: { AND: [where, afterCursor(input.cursor)] },
    include: sendLogInclude,
    orderBy: keysetOrder,
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit);
  return { items: page.rows.map(toSendLogOutput), nextCursor: page.nextCursor };
}
