import { updateLink } from '../../services/link-admin.ts';
import type { OrgContext } from '../../trpc.ts';
import { actorOf } from './actor.ts';
import type { TUpdateInputSchema } from './update.schema.ts';

export function updateHandler({ ctx, input }: { ctx: OrgContext; input: TUpdateInputSchema }) {
  const { id, ...given } = input;
  return updateLink(ctx, actorOf(ctx), id, given);
}
