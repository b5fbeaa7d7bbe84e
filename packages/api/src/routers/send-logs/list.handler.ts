import { listSendLogs } from '../../services/send-logs.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TListInputSchema } from './list.schema.ts';

export const listHandler = ({ ctx, input }: { ctx: OrgContext; input: TListInputSchema }) => listSendLogs(ctx, input);
