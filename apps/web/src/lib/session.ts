// The signed-in user, org and sending mode (auth.me), shared by the shell and every page.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc';

export function useMeQuery() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
}

export type Me = NonNullable<ReturnType<typeof useMeQuery>['data']>;

/** For components inside the authenticated shell, which renders only once auth.me has answered. */
export function useCurrentUser(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useCurrentUser() used outside the authenticated app shell');
  return data;
}

/** `/login?next=/records%3Fq%3D1` — where to send someone who must sign in first, keeping where they were going. */
export function loginPath(next?: string): string {
  return next && next !== '/' && isSafeNext(next) ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

/** Only same-app paths: "/records" yes; "//evil.example", "https://…" and "/login" no. */
export function isSafeNext(next: string | null | undefined): next is string {
  return !!next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login');
}
