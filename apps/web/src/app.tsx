import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { Toaster } from 'sonner';
import { useTranslation } from 'react-i18next';
import { loginPath } from '@/lib/session';
import { createAppQueryClient, createAppTRPCClient, TRPCProvider } from '@/lib/trpc';
import { createAppRouter } from '@/router';

const router = createAppRouter();

const queryClient = createAppQueryClient({
  // The session is gone (expired, logged out elsewhere): go to the login page, then come back here after.
  onUnauthorized: () => {
    const { pathname, search } = window.location;
    if (pathname.startsWith('/login')) return;
    void Promise.resolve(
      router.navigate(loginPath(pathname + search), { replace: true, state: { expired: true } }),
    ).then(() =>
      // Drop what the previous session could see; the next user starts clean.
      queryClient.removeQueries(),
    );
  },
});

const trpcClient = createAppTRPCClient();

export function App() {
  const { t } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
        <Toaster
          position="top-center"
          richColors
          closeButton
          containerAriaLabel={t('common.notifications')}
          toastOptions={{ closeButtonAriaLabel: t('common.close'), className: 'font-sans' }}
        />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
