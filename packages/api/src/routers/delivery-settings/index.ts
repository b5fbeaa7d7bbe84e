// deliverySettings.* — send window, frequency cap and holidays (issue 15): the org-wide delivery controls. One
// schema + handler pair per operation; inputs are the automation-core schemas, so the send path and the settings
// can never read them differently.
import { localizeInputErrors } from '../../security/localized-input.ts';
import { adminProcedure, orgProcedure, router } from '../../trpc.ts';
import { addHolidayHandler } from './add-holiday.handler.ts';
import { ZAddHolidayInputSchema } from './add-holiday.schema.ts';
import { getHandler } from './get.handler.ts';
import { preloadHolidaysHandler } from './preload-holidays.handler.ts';
import { removeHolidayHandler } from './remove-holiday.handler.ts';
import { ZRemoveHolidayInputSchema } from './remove-holiday.schema.ts';
import { MESSAGES_KO } from './shared.ts';
import { updateHandler } from './update.handler.ts';
import { ZUpdateInputSchema } from './update.schema.ts';

// Before .input(): a refused input is answered in the caller's language.
const admin = adminProcedure.use(async ({ ctx, next }) => localizeInputErrors(await next(), ctx.req.language, MESSAGES_KO));

export const deliverySettingsRouter = router({
  /** The first visit fills the holiday list with the public holidays (once per org). */
  get: orgProcedure.query(getHandler),
  update: admin.input(ZUpdateInputSchema).mutation(updateHandler),
  addHoliday: admin.input(ZAddHolidayInputSchema).mutation(addHolidayHandler),
  removeHoliday: admin.input(ZRemoveHolidayInputSchema).mutation(removeHolidayHandler),
  /** The preload button: adds the public holidays of this and next year the list lacks. */
  preloadHolidays: adminProcedure.mutation(preloadHolidaysHandler),
});
