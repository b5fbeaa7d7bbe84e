import { openDeliverySettings } from '../../services/delivery-settings.ts';
import type { OrgContext } from '../../trpc.ts';

/** An admin's first visit fills the holiday list; members only read. */
export const getHandler = ({ ctx }: { ctx: OrgContext }) =>
  openDeliverySettings(ctx, ctx.orgId, { fillHolidays: ctx.auth.user.role === 'admin', now: ctx.now() });
