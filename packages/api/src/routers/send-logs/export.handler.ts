import { exportSendLogs } from '../../services/send-log-export.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TExportInputSchema } from './export.schema.ts';

export const exportHandler = ({ ctx, input }: { ctx: OrgContext; input: TExportInputSchema }) => exportSendLogs(ctx, input, ctx.now());
