import { rejectedCsv } from '../../services/imports.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TRejectedReportInputSchema } from './rejected-report.schema.ts';

export function rejectedReportHandler({ ctx, input }: { ctx: OrgContext; input: TRejectedReportInputSchema }) {
  return rejectedCsv(ctx.db, ctx.orgId, input.id, ctx.req.language ?? 'ko');
}
