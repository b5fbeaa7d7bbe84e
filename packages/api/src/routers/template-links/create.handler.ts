import { createLink } from '../../services/link-admin.ts';
import type { OrgContext } from '../../trpc.ts';
import { actorOf } from './actor.ts';
import type { TCreateInputSchema } from './create.schema.ts';

export function createHandler({ ctx, input }: { ctx: OrgContext; input: TCreateInputSchema }) {
  return createLink(ctx, actorOf(ctx), { ...input, triggerCondition: input.triggerCondition ?? null });
}
