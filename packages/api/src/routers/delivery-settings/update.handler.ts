import { changeDeliverySettings } from '../../services/delivery-settings.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TUpdateInputSchema } from './update.schema.ts';

export const updateHandler = ({ ctx, input }: { ctx: OrgContext; input: TUpdateInputSchema }) =>
  changeDeliverySettings(ctx, { orgId: ctx.orgId, userId: ctx.auth.user.id }, input);
