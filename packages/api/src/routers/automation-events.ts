// automationEvents.list — every decision the engine made about a record or a link ("why didn't it send?").
import { AUTOMATION_EVENT_KINDS } from '@alimflow/automation-core';
import { z } from 'zod';
import { idSchema } from '../lib/ids.ts';
import { pageInput } from '../lib/pagination.ts';
import { listAutomationEvents } from '../services/automation-events.ts';
import { orgProcedure, router } from '../trpc.ts';

export const automationEventsListInput = z
  .object({
    recordId: idSchema.optional(),
    linkId: idSchema.optional(),
    decision: z.enum(['fired', 'skipped', 'completed', 'cancelled']).optional(),
    event: z.enum(AUTOMATION_EVENT_KINDS).optional(),
    ...pageInput,
  })
  .refine((v) => v.recordId !== undefined || v.linkId !== undefined, {
    message: 'Give a recordId or a linkId.',
    path: ['recordId'],
  });

export const automationEventsRouter = router({
  list: orgProcedure.input(automationEventsListInput).query(({ ctx, input }) => listAutomationEvents(ctx, input)),
});
