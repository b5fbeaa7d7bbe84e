// Prisma's "unique constraint" and "row not found" errors reach clients as CONFLICT / NOT_FOUND, and a saturated
// pool as SERVICE_UNAVAILABLE — never as a 500. Applied once, to every procedure, in trpc.ts.
import { Prisma } from '@alimflow/db';
import { TRPCError } from '@trpc/server';

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
