import { deleteLink } from '../../services/link-admin.ts';
import type { OrgContext } from '../../trpc.ts';
import { actorOf } from './actor.ts';
import type { TDeleteInputSchema } from './delete.schema.ts';

export function deleteHandler({ ctx, input }: { ctx: OrgContext; input: TDeleteInputSchema }) {
  return deleteLink(ctx, actorOf(ctx), input.id);
}
