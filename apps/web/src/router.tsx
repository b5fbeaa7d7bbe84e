import { createBrowserRouter } from 'react-router';
import { loadFeatureNamespaces } from '@/i18n';
import { BootFallback } from '@/layouts/boot-fallback';
import { RouteError } from '@/layouts/route-error';
import { sections } from '@/sections';

// Every route loads its code when it is visited, so the login page does not download the shell or any feature page.
export function createAppRouter() {
  return createBrowserRouter([
    // Public: an invitee has no account yet.
    {
      path: '/invite/:token',
      HydrateFallback: BootFallback,
      errorElement: <RouteError />,
      lazy: async () => ({ Component: (await import('@/pages/invite-page')).default }),
    },
    {
      path: '/login',
      HydrateFallback: BootFallback,
      errorElement: <RouteError />,
      lazy: async () => ({ Component: (await import('@/pages/login-page')).default }),
    },
    {
      HydrateFallback: BootFallback,
      errorElement: <RouteError />,
      // The pages' translations arrive with the shell, so no page waits for its strings.
      lazy: async () => {
        const [layout] = await Promise.all([import('@/layouts/authenticated-layout'), loadFeatureNamespaces()]);
        return { Component: layout.AuthenticatedLayout };
      },
      children: [
        {
          // Errors inside a page keep the shell (sidebar, top bar) around the message.
          errorElement: <RouteError />,
          children: [
            ...sections.map((section) => ({
              ...(section.path === '/' ? { index: true as const } : { path: section.path }),
              lazy: async () => ({ Component: (await section.load()).default }),
            })),
            {
              path: '*',
              lazy: async () => ({ Component: (await import('@/pages/not-found-page')).default }),
            },
          ],
        },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
