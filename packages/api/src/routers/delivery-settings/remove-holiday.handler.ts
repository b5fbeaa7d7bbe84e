import { removeOrgHoliday } from '../../services/delivery-settings.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TRemoveHolidayInputSchema } from './remove-holiday.schema.ts';

export const removeHolidayHandler = ({ ctx, input }: { ctx: OrgContext; input: TRemoveHolidayInputSchema }) =>
  removeOrgHoliday(ctx, ctx.orgId, input.date);
