// Turning tRPC errors into sentences for people (toasts, form errors), in the UI language.
import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { errorCode, isTRPCError, type AppClientError } from './trpc';

/**
 * What went wrong, in words: known tRPC codes get a translated sentence; validation and domain errors
 * (BAD_REQUEST, PRECONDITION_FAILED…) carry the server's own message, which says what to fix.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (!isTRPCError(error)) return t('errors.unknown');
  const code = errorCode(error);
  switch (code) {
    case undefined:
      // No tRPC envelope: the request never got an answer (offline, server down, proxy error).
      return t('errors.network');
    case 'UNAUTHORIZED':
      return t('errors.unauthorized');
    case 'FORBIDDEN':
      return t('errors.forbidden');
    case 'NOT_FOUND':
      return t('errors.notFound');
    case 'CONFLICT':
      // The server says what clashed ("a partition named … already exists"), in the language this client asked for.
      return error.message || t('errors.conflict');
    case 'TOO_MANY_REQUESTS':
      return t('errors.tooManyRequests');
    case 'INTERNAL_SERVER_ERROR':
      return t('errors.server');
    case 'BAD_REQUEST': {
      // zod's own wording ("✖ Must be an id (UUID). → at id") is for developers. A malformed id comes from a bad
      // link, so it is "not found" to a person; other input problems get a translated sentence.
      const fields = zodFields(error);
      if (fields === undefined) return error.message || t('errors.unknown');
      return fields.length > 0 && fields.every(isIdField) ? t('errors.notFound') : t('errors.invalidInput');
    }
    default:
      return error.message || t('errors.unknown');
  }
}

/** The input fields zod refused (`[]` for a refusal of the whole input), or undefined if zod was not involved. */
function zodFields(error: AppClientError): string[] | undefined {
  const zod = error.data?.zodError;
  if (!zod) return undefined;
  return Object.keys(zod.fieldErrors ?? {});
}

const isIdField = (field: string) => field === 'id' || field.endsWith('Id') || field === 'ids';

/** Seconds from a rate-limit message such as "Try again in 42 seconds.", if present. */
export function retryAfterSeconds(message: string): number | undefined {
  const m = /(\d+)\s*(?:seconds?|초)/i.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** Field errors the server's zod validation found (`error.data.zodError.fieldErrors`), keyed by input field. */
export function serverFieldErrors(error: unknown): Record<string, string[]> {
  if (!isTRPCError(error)) return {};
  const fieldErrors = error.data?.zodError?.fieldErrors;
  if (!fieldErrors) return {};
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries<unknown>(fieldErrors)) {
    const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === 'string') : [];
    if (list.length > 0) out[field] = list;
  }
  return out;
}

/** Puts the server's field errors on a react-hook-form form; returns whether any field got one. */
export function applyServerFieldErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): boolean {
  const errors = serverFieldErrors(error);
  let applied = false;
  for (const field of fields) {
    const message = errors[field]?.[0];
    if (message) {
      setError(field, { type: 'server', message });
      applied = true;
    }
  }
  return applied;
}
