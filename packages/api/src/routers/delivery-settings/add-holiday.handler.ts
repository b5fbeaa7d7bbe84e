import { addOrgHoliday } from '../../services/delivery-settings.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TAddHolidayInputSchema } from './add-holiday.schema.ts';

export const addHolidayHandler = ({ ctx, input }: { ctx: OrgContext; input: TAddHolidayInputSchema }) => addOrgHoliday(ctx, ctx.orgId, input);
