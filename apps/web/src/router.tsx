import { createBrowserRouter } from 'react-router';
import { AuthenticatedLayout } from '@/layouts/authenticated-layout';
import { RouteError } from '@/layouts/route-error';
import LoginPage from '@/pages/login-page';
import NotFoundPage from '@/pages/not-found-page';
import { sections } from '@/sections';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
    // Public: an invitee has no account yet.
    { path: '/invite/:token', lazy: async () => ({ Component: (await import('@/pages/invite-page')).default }), errorElement: <RouteError /> },
    {
      element: <AuthenticatedLayout />,
      errorElement: <RouteError />,
      children: [
        {
          // Errors inside a page keep the shell (sidebar, top bar) around the message.
          errorElement: <RouteError />,
          children: [
            ...sections.map((section) => ({
              ...(section.path === '/' ? { index: true as const } : { path: section.path }),
              lazy: async () => ({ Component: (await section.load()).default }),
            })),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
