// The org/admin procedures every router of this package builds on, plus one translation: Prisma's "unique
// constraint" and "row not found" errors reach clients as CONFLICT / NOT_FOUND, never as a 500.
import { Prisma } from '@alimflow/db';
import { TRPCError } from '@trpc/server';
import { adminProcedure, orgProcedure } from '../../trpc.ts';

export function dbErrorToTRPC(error: unknown): TRPCError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code === 'P2002') {
    return new TRPCError({ code: 'CONFLICT', message: 'This conflicts with an existing entry; reload and try again.', cause: error });
  }
  if (error.code === 'P2028' || error.code === 'P2024') {
    // The database is saturated (no connection or transaction slot in time): a retry later will work.
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The server is busy; please retry in a moment.', cause: error });
  }
  if (error.code === 'P2025') {
    return new TRPCError({ code: 'NOT_FOUND', message: 'Not found; it may have been deleted meanwhile.', cause: error });
  }
  return null;
}

export const orgProc = orgProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = dbErrorToTRPC(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export const adminProc = adminProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = dbErrorToTRPC(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found.` });
}

export function badRequest(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message });
}

export function conflict(message: string): TRPCError {
  return new TRPCError({ code: 'CONFLICT', message });
}
