// Schema messages in the caller's language. Our schemas speak English (the API reference's language); a procedure
// whose schemas have a Korean catalog answers a Korean caller (the default) with it. Messages the catalog lacks —
// zod's own wording for a wrong shape — stay as they are rather than being guessed at.
import { TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Language } from './language.ts';

type Result = { ok: true } | { ok: false; error: TRPCError };

/** For `.use(...)` before `.input(...)`: the input's ZodError, with every message the catalog knows in Korean. */
export function localizeInputErrors<R extends Result>(result: R, language: Language | undefined, catalogKo: Readonly<Record<string, string>>): R {
  if (result.ok || language === 'en') return result;
  const { error } = result as Extract<R, { ok: false }>;
  if (error.code !== 'BAD_REQUEST' || !(error.cause instanceof ZodError)) return result;
  // In place: a ZodError built anew would not survive tRPC's cause handling as one (it is not an Error subclass).
  for (const issue of error.cause.issues) (issue as { message: string }).message = catalogKo[issue.message] ?? issue.message;
  throw new TRPCError({ code: 'BAD_REQUEST', message: z.prettifyError(error.cause), cause: error.cause });
}
