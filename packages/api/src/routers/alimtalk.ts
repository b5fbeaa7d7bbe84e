import { z } from 'zod';
import { previewManual, sendManual, type ManualTargets } from '../services/manual-send.ts';
import { orgProcedure, router } from '../trpc.ts';

const manualInput = z
  .object({
    linkId: z.uuid('linkId must be a valid id.'),
    recordIds: z
      .array(z.uuid('Each record id must be a valid id.'))
      .min(1, 'Choose at least one record.')
      .max(1000, 'At most 1,000 records per request; choose "all matching" for more.')
      .optional(),
    /** Every record of the link's partition the search matches (no search = the whole partition). */
    matching: z.object({ search: z.string().trim().max(100).optional() }).optional(),
    /** Skip records the rule reached inside its cooldown (default false: a manual send is an explicit choice). */
    applyCooldown: z.boolean().optional(),
  })
  .refine((v) => (v.recordIds === undefined) !== (v.matching === undefined), {
    message: 'Give either recordIds or matching (not both).',
    path: ['recordIds'],
  });

function targets(input: z.infer<typeof manualInput>): ManualTargets {
  return input.recordIds ? { recordIds: [...new Set(input.recordIds)] } : { matching: input.matching ?? {} };
}

export const alimtalkRouter = router({
  /**
   * What sendManual would do with the same input: counts sent / skipped by reason and one rendered message.
   * Changes nothing; a mutation only because 1,000 ids do not fit in a GET URL.
   */
  previewManual: orgProcedure
    .input(manualInput)
    .mutation(({ ctx, input }) =>
      previewManual(ctx, { orgId: ctx.orgId, linkId: input.linkId, targets: targets(input), applyCooldown: input.applyCooldown, language: ctx.req.language ?? 'ko' }),
    ),

  /** Manual sends (triggerType "manual") of a link's template to chosen records; cooldown only if asked. */
  sendManual: orgProcedure
    .input(manualInput.and(z.object({ requestKey: z.string().min(8).max(100).optional() })))
    .mutation(({ ctx, input }) =>
      sendManual(ctx, {
        orgId: ctx.orgId,
        linkId: input.linkId,
        targets: targets(input),
        applyCooldown: input.applyCooldown,
        requestKey: input.requestKey,
        userId: ctx.auth.user.id,
      }),
    ),
});
