// Send window, frequency cap and holidays (issue 15): the org-wide delivery controls. Thin: the service does the
// work; inputs are the automation-core schemas, so the send path and the settings can never read them differently.
import { frequencyCapSchema, sendWindowSchema } from '@alimflow/automation-core';
import { z } from 'zod';
import { addHoliday, preloadHolidays, readDeliverySettings, removeHoliday, updateDeliverySettings } from '../../services/delivery-settings.ts';
import { adminProcedure, orgProcedure, router } from '../../trpc.ts';

const dateInput = z
  .string({ error: 'Date must be YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Date must be YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'That date does not exist');

export const deliverySettingsUpdateInput = z.object({
  sendWindow: sendWindowSchema.nullable().optional(),
  frequencyCap: frequencyCapSchema.nullable().optional(),
});

export const holidayInput = z.object({
  date: dateInput,
  name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(100, 'Name is too long (at most 100 characters)'),
});

export const deliverySettingsRouter = router({
  /** The first visit fills the holiday list with the public holidays (once per org). */
  get: orgProcedure.query(async ({ ctx }) => {
    if (ctx.auth.user.role === 'admin') await ctx.db.$transaction((tx) => preloadHolidays(tx, ctx.orgId, new Date(), true));
    return readDeliverySettings(ctx.db, ctx.orgId);
  }),
  update: adminProcedure.input(deliverySettingsUpdateInput).mutation(async ({ ctx, input }) => {
    await ctx.db.$transaction((tx) => updateDeliverySettings(tx, ctx.orgId, input));
    ctx.logger.info({ orgId: ctx.orgId, userId: ctx.auth.user.id, changed: Object.keys(input) }, 'delivery settings updated');
    return readDeliverySettings(ctx.db, ctx.orgId);
  }),
  addHoliday: adminProcedure.input(holidayInput).mutation(async ({ ctx, input }) => {
    await ctx.db.$transaction((tx) => addHoliday(tx, ctx.orgId, input));
    return readDeliverySettings(ctx.db, ctx.orgId);
  }),
  removeHoliday: adminProcedure.input(z.object({ date: dateInput })).mutation(async ({ ctx, input }) => {
    await ctx.db.$transaction((tx) => removeHoliday(tx, ctx.orgId, input.date));
    return readDeliverySettings(ctx.db, ctx.orgId);
  }),
  /** The preload button: adds the public holidays of this and next year the list lacks. */
  preloadHolidays: adminProcedure.mutation(async ({ ctx }) => {
    const added = await ctx.db.$transaction((tx) => preloadHolidays(tx, ctx.orgId, new Date(), false));
    return { added, ...(await readDeliverySettings(ctx.db, ctx.orgId)) };
  }),
});
