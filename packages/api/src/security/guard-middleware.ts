// The input guard as the base procedure applies it: a refused input becomes a 400 whose ZodError reads like any
// schema error (`error.message`, `error.data.zodError`); an accepted one replaces the raw input with its
// normalised copy, so every schema downstream parses the cleaned value.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { guardInput, guardMessage } from './input-guard.ts';
import type { Language } from './language.ts';

export async function guardProcedureInput(
  getRawInput: () => Promise<unknown>,
  language: Language,
): Promise<() => Promise<unknown>> {
  const guarded = guardInput(await getRawInput());
  if (!guarded.ok) {
    const { issues } = guarded;
    // Raised through a schema so the cause is the same ZodError class schema failures produce.
    const reported = z.unknown().superRefine((_value, check) => {
      for (const issue of issues)
        check.addIssue({ code: 'custom', path: issue.path, message: guardMessage(issue.problem, language) });
    });
    const { error } = reported.safeParse(undefined);
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: guardMessage(issues[0]!.problem, language),
      cause: error,
    });
  }
  return () => Promise.resolve(guarded.value);
}
