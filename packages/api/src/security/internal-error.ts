// What a client sees when something failed on our side: a sentence in its language and an id to quote; the
// error itself goes to the log under the same id, never to the client (no stack, SQL, path or Prisma call).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Language } from './language.ts';

export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}

export function internalErrorMessage(language: Language, errorId: string): string {
  return language === 'en'
    ? `Something went wrong on the server. Please try again; if it keeps happening, quote error id ${errorId}.`
    : `서버에서 오류가 발생했습니다. 다시 시도해 주세요. 계속되면 오류 ID ${errorId}를 알려 주세요.`;
}

interface Shape {
  message: string;
  data: object;
}

/** errorFormatter branch for INTERNAL_SERVER_ERROR: logs the error under a fresh id and answers only that id. */
export function formatInternalError<S extends Shape>(
  shape: S,
  error: Error,
  ctx: { logger: Logger; req: { language?: Language } } | undefined,
): S & { data: { errorId: string; zodError: null } } {
  const errorId = newErrorId();
  const procedure = (shape.data as { path?: string }).path;
  ctx?.logger.error({ err: error.cause ?? error, errorId, procedure }, 'tRPC procedure failed');
  return {
    ...shape,
    message: internalErrorMessage(ctx?.req.language ?? 'ko', errorId),
    data: { ...shape.data, errorId, zodError: null },
  };
}
