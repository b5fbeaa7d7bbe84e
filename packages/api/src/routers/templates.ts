// AlimTalk templates as last synced from the org's provider; the listing and the sync are services/templates.ts.
import { z } from 'zod';
import { listTemplates, syncTemplates } from '../services/templates.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

export const templatesListInput = z
  .object({
    sendableOnly: z.boolean().optional(),
    /** Only templates of the sender key the org sends with now (sandbox and NHN keep separate copies). */
    currentSenderOnly: z.boolean().optional(),
  })
  .optional();

export const templatesRouter = router({
  list: orgProcedure.input(templatesListInput).query(({ ctx, input }) => listTemplates(ctx, input)),

  sync: adminProcedure.mutation(({ ctx }) => syncTemplates(ctx)),
});
