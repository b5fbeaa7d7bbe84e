import { Building2, Menu } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigation } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { Button } from '@/components/ui/button';
import { TooltipProvider } from '@/components/ui/tooltip';
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from '@/components/ui/sheet';
import type { Me } from '@/lib/session';
import { cn } from '@/lib/utils';
import { sections } from '@/sections';
import { SandboxBadge } from './sandbox-badge';
import { UserMenu } from './user-menu';

/** Sidebar + top bar around the current page. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const mainRef = useFocusMainOnNavigate();

  return (
    // Tooltips live only inside the shell; the login page does not load them.
    <TooltipProvider>
      <div className="flex min-h-svh bg-muted/40">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t('common.skipToContent')}
        </a>

        <aside className="sticky top-0 hidden h-svh w-60 shrink-0 flex-col border-r bg-sidebar md:flex">
          <Brand />
          <SidebarNav />
        </aside>

        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6">
            <MobileNav />
            <div className="flex min-w-0 flex-1 items-center gap-2">
              <Building2
                className="hidden size-4 shrink-0 text-muted-foreground sm:block"
                aria-hidden="true"
              />
              <span className="sr-only">{t('topbar.org')}:</span>
              <span className="truncate text-sm font-semibold">{me.org.name}</span>
              {me.sendingMode === 'sandbox' && <SandboxBadge />}
            </div>
            <div className="flex shrink-0 items-center gap-1 sm:gap-2">
              <LanguageSwitch />
              <UserMenu user={me.user} />
            </div>
            {navigation.state === 'loading' && (
              <div
                className="absolute inset-x-0 bottom-0 h-0.5 overflow-hidden"
                role="progressbar"
                aria-label={t('common.loadingPage')}
              >
                <div className="h-full w-1/3 animate-pulse bg-primary/60" />
              </div>
            )}
          </header>

          <main
            id="main"
            ref={mainRef}
            tabIndex={-1}
            className="flex-1 px-4 py-6 outline-none md:px-8 md:py-8"
          >
            <div className="mx-auto w-full max-w-6xl space-y-6">{children}</div>
          </main>
        </div>
      </div>
    </TooltipProvider>
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <div className="flex h-14 items-center gap-2.5 border-b px-5">
      <img src="/favicon.svg" alt="" className="size-7" />
      <div className="leading-tight">
        <div className="text-sm font-bold tracking-tight">{t('app.name')}</div>
        <div className="text-[11px] text-muted-foreground">{t('app.tagline')}</div>
      </div>
    </div>
  );
}

function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="flex-1 overflow-y-auto p-3">
      <ul className="space-y-1">
        {sections.map(({ key, path, icon: Icon }) => (
          <li key={key}>
            <NavLink
              to={path}
              end={path === '/'}
              onClick={onNavigate}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-3 rounded-md px-3 py-2 text-sm transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
                  isActive
                    ? 'bg-accent font-semibold text-foreground'
                    : 'text-muted-foreground hover:bg-accent/70 hover:text-foreground',
                )
              }
            >
              <Icon className="size-4 shrink-0" aria-hidden="true" />
              {t(`nav.${key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Below the md breakpoint the sidebar becomes a sheet behind a menu button. */
function MobileNav() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label={t('common.openMenu')}>
          <Menu aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="gap-0 p-0">
        <SheetTitle className="sr-only">{t('nav.label')}</SheetTitle>
        <SheetDescription className="sr-only">{t('app.tagline')}</SheetDescription>
        <Brand />
        <SidebarNav onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}

/** After moving to another page, put keyboard and screen-reader focus at the start of the new content. */
function useFocusMainOnNavigate() {
  const ref = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [pathname]);
  return ref;
}
