import { sendLogStats } from '../../services/send-logs.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TStatsInputSchema } from './stats.schema.ts';

export const statsHandler = ({ ctx, input }: { ctx: OrgContext; input: TStatsInputSchema }) => sendLogStats(ctx, input);
