import { getSendLog } from '../../services/send-logs.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TGetInputSchema } from './get.schema.ts';

export const getHandler = ({ ctx, input }: { ctx: OrgContext; input: TGetInputSchema }) => getSendLog(ctx, input.id);
