import { reloadPublicHolidays } from '../../services/delivery-settings.ts';
import type { OrgContext } from '../../trpc.ts';

export const preloadHolidaysHandler = ({ ctx }: { ctx: OrgContext }) => reloadPublicHolidays(ctx, ctx.orgId, ctx.now());
