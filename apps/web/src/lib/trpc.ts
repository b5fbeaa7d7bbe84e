// The typed tRPC client (the AppRouter *type* only — no server code reaches the bundle) and the QueryClient.
// Use it in components as:  const trpc = useTRPC();  useQuery(trpc.auth.me.queryOptions());
import type { AppRouter } from '@alimflow/api';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { currentLanguage } from '../i18n';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type AppClientError = TRPCClientError<AppRouter>;

export function isTRPCError(error: unknown): error is AppClientError {
  return error instanceof TRPCClientError;
}

/** The tRPC error code (UNAUTHORIZED, NOT_FOUND…), or undefined for network and other errors. */
export function errorCode(error: unknown): string | undefined {
  return isTRPCError(error) ? error.data?.code : undefined;
}

/** Per-field problems of a refused record write, in the UI language (null for any other error). */
export function fieldProblems(error: unknown): { field: string; message: string }[] | null {
  const data = isTRPCError(error) ? error.data : undefined;
  return data && 'fieldProblems' in data ? data.fieldProblems : null;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

/** 4xx answers will not change on retry; network failures and 5xx may. */
function isClientError(error: unknown): boolean {
  const status = isTRPCError(error) ? error.data?.httpStatus : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

export function createAppTRPCClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        // Messages the server writes itself (input checks, internal-error notices) follow the UI language.
        headers: () => ({ 'accept-language': currentLanguage() }),
        // Same origin in production and behind the Vite proxy in development; the session is an httpOnly cookie.
        fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
      }),
    ],
  });
}

export interface QueryClientOptions {
  /** Called when the server says the session is missing or expired (a query, or a mutation outside login). */
  onUnauthorized: () => void;
}

export function createAppQueryClient({ onUnauthorized }: QueryClientOptions): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) onUnauthorized();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // A wrong password is also UNAUTHORIZED: the login form shows that itself.
        const isLogin = JSON.stringify(mutation.options.mutationKey ?? []).includes('"login"');
        if (isUnauthorized(error) && !isLogin) onUnauthorized();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
