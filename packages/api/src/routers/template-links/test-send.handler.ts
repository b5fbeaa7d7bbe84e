import { queueTestSend } from '../../services/test-send.ts';
import type { OrgContext } from '../../trpc.ts';
import { actorOf } from './actor.ts';
import type { TTestSendInputSchema } from './test-send.schema.ts';

export const testSendHandler = ({ ctx, input }: { ctx: OrgContext; input: TTestSendInputSchema }) => queueTestSend(ctx, actorOf(ctx), input);
