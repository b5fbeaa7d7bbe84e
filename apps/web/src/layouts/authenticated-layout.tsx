import { AlertCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/errors';
import { loginPath, useMeQuery } from '@/lib/session';
import { isUnauthorized } from '@/lib/trpc';
import { AppShell } from './app-shell';

/** Every route inside needs a session: without one, go to /login and come back afterwards. */
export function AuthenticatedLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();

  if (me.isError && isUnauthorized(me.error)) {
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  if (me.data) {
    return (
      <AppShell me={me.data}>
        <Outlet />
      </AppShell>
    );
  }
  if (me.isError) {
    return (
      <main className="flex min-h-svh items-center justify-center p-6">
        <div role="alert" className="flex max-w-md flex-col items-center gap-4 text-center">
          <AlertCircle className="size-8 text-destructive" aria-hidden="true" />
          <div className="space-y-1">
            <h1 className="text-lg font-semibold">{t('errors.loadShell')}</h1>
            <p className="text-sm text-muted-foreground">{describeError(me.error, t)}</p>
          </div>
          <Button onClick={() => void me.refetch()} pending={me.isFetching}>
            {t('common.retry')}
          </Button>
        </div>
      </main>
    );
  }
  return <ShellSkeleton label={t('common.loading')} />;
}

function ShellSkeleton({ label }: { label: string }) {
  return (
    <div className="flex min-h-svh" role="status" aria-label={label}>
      <div className="hidden w-60 flex-col gap-3 border-r bg-sidebar p-4 md:flex">
        <Skeleton className="mb-4 h-8 w-32" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </div>
      <div className="flex flex-1 flex-col">
        <div className="flex h-14 items-center gap-3 border-b px-6">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="ml-auto h-8 w-24" />
          <Skeleton className="h-8 w-28" />
        </div>
        <div className="space-y-4 p-8">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-4 w-96 max-w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      </div>
    </div>
  );
}
