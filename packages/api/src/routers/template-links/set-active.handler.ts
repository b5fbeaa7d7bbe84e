import { setLinkActive } from '../../services/link-admin.ts';
import type { OrgContext } from '../../trpc.ts';
import { actorOf } from './actor.ts';
import type { TSetActiveInputSchema } from './set-active.schema.ts';

export function setActiveHandler({ ctx, input }: { ctx: OrgContext; input: TSetActiveInputSchema }) {
  return setLinkActive(ctx, actorOf(ctx), input.id, input.isActive);
}
