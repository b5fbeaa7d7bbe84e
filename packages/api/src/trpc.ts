// tRPC setup, read top to bottom: context → init → procedures. No data transformer: plain JSON on the wire,
// so any HTTP client can call /trpc.
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { hashToken, lastUsedIsStale, TOKEN_LAST_USED_PRECISION_MS } from './auth/tokens.ts';
import { findSessionUser, findTokenUser } from './auth/session-lookup.ts';
import { dbErrorToTRPC } from './db-errors.ts';
import { DomainError, type DomainErrorKind } from './errors.ts';
import type { AppDeps } from './deps.ts';
import { guardProcedureInput } from './security/guard-middleware.ts';
import { formatInternalError } from './security/internal-error.ts';
import type { Language } from './security/language.ts';

// ── context ────────────────────────────────────────────────────────────────────────────────────────────────────
export interface CookieOptions {
  maxAgeSeconds?: number;
}
/** What the HTTP adapter hands over; kept framework-free so tests call procedures without a server. */
export interface RequestInfo {
  ip: string;
  authorization?: string | undefined;
  /** Language for messages the server writes itself; Korean when absent. */
  language?: Language;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, options?: CookieOptions): void;
  clearCookie(name: string): void;
}
export type Context = AppDeps & { req: RequestInfo };

export const SESSION_COOKIE = 'alimflow_session';

export function createContext(deps: AppDeps, req: RequestInfo): Context {
  return { ...deps, req };
}

// ── init ───────────────────────────────────────────────────────────────────────────────────────────────────────
const t = initTRPC.context<Context>().create({
  // Never send stack traces to clients; they are logged server-side.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') return formatInternalError(shape, error, ctx);
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      // The first issue, readable as is ("templateLinks.create: cooldownHours: Too small…"), and all of them.
      message: zodError ? z.prettifyError(zodError) : shape.message,
      data: { ...shape.data, zodError: zodError ? z.flattenError(zodError) : null, fieldProblems: fieldProblemsOf(error.cause, ctx?.req.language ?? 'ko') },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A form places these on its fields: each problem's field and message in the caller's language (records.create/update). */
function fieldProblemsOf(cause: unknown, language: Language): { field: string; message: string }[] | null {
  if (!(cause instanceof DomainError) || !cause.fieldProblems.length) return null;
  return cause.fieldProblems.map((p) => ({ field: p.field, message: p.message[language] }));
}

// ── procedures ─────────────────────────────────────────────────────────────────────────────────────────────────
const DOMAIN_CODES = {
  not_found: 'NOT_FOUND',
  invalid: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  precondition: 'PRECONDITION_FAILED',
  forbidden: 'FORBIDDEN',
  unavailable: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<DomainErrorKind, TRPCError['code']>;

/** A service's DomainError, as the tRPC error clients see, worded in their language; null for anything else. */
function domainErrorToTRPC(error: unknown, language: Language): TRPCError | null {
  if (!(error instanceof DomainError)) return null;
  return new TRPCError({ code: DOMAIN_CODES[error.kind], message: error.in(language), cause: error });
}

export const publicProcedure = t.procedure.use(async ({ ctx, next, getRawInput }) => {
  const language = ctx.req.language ?? 'ko';
  const result = await next({ getRawInput: await guardProcedureInput(getRawInput, language) });
  if (!result.ok) {
    const mapped = domainErrorToTRPC(result.error.cause, language) ?? dbErrorToTRPC(result.error.cause, language);
    if (mapped) throw mapped;
  }
  return result;
});

export interface AuthUser {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
}

/** Session cookie or `Authorization: Bearer <api token>`; either gives the same user and org. */
async function authenticate(ctx: Context): Promise<{ user: AuthUser; via: 'session' | 'token'; sessionId?: string } | null> {
  const now = ctx.now();
  const bearer = ctx.req.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const token = await findTokenUser(ctx.db, hashToken(bearer));
    if (!token || token.revokedAt) return null;
    // Last-used is informative: at most one write a minute per token (the WHERE keeps concurrent requests to one),
    // and a failed write must not fail the call.
    if (lastUsedIsStale(token.lastUsedAt, now)) {
      const staleBefore = new Date(now.getTime() - TOKEN_LAST_USED_PRECISION_MS);
      // The lookup's answer may be a remembered one (session-lookup.ts): it is updated too, so the requests of the
      // next second do not each try the write again.
      token.lastUsedAt = now;
      void ctx.db.apiToken
        .updateMany({ where: { id: token.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] }, data: { lastUsedAt: now } })
        .catch(() => {});
    }
    return { user: { id: token.id, orgId: token.orgId, email: token.email, name: token.name, role: token.role }, via: 'token' };
  }
  const cookie = ctx.req.cookie(SESSION_COOKIE);
  if (!cookie) return null;
  const session = await findSessionUser(ctx.db, hashToken(cookie));
  if (!session || session.expiresAt <= now) return null;
  return {
    user: { id: session.id, orgId: session.orgId, email: session.email, name: session.name, role: session.role },
    via: 'session',
    sessionId: session.sessionId,
  };
}

export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const auth = await authenticate(ctx);
  if (!auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first (session cookie or Bearer API token).' });
  // tRPC merges what next() is given into ctx itself: spreading ctx here too copied every dependency twice per
  // request (object spreads were ~7 % of the API's CPU on the record API's path). The org comes with the user, in
  // the same merge: a middleware of its own was one more copy of ctx per request.
  return next({ ctx: { auth, orgId: auth.user.orgId } });
});

/** Signed in or not, never an error: for the login page's "already signed in?" (a 401 there is expected, not a fault). */
export const sessionProcedure = publicProcedure.use(async ({ ctx, next }) => next({ ctx: { auth: await authenticate(ctx) } }));

/** Every tenant-owned query goes through here and filters on ctx.orgId (the signed-in user's org). */
export const orgProcedure = protectedProcedure;

export const adminProcedure = orgProcedure.use(({ ctx, next }) => {
  if (ctx.auth.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this.' });
  return next();
});

export type OrgContext = Context & { orgId: string; auth: { user: AuthUser } };
