import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChevronDown, LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { describeError } from '@/lib/errors';
import type { Me } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

export function UserMenu({ user }: { user: Me['user'] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        await navigate('/login', { replace: true });
        // After leaving the shell, so nothing refetches with the old session.
        queryClient.removeQueries();
        toast.success(t('topbar.loggedOut'));
      },
      onError: (error) => {
        toast.error(t('topbar.logoutFailed', { reason: describeError(error, t) }));
      },
    }),
  );

  const initial = (user.name.trim() || user.email).charAt(0).toUpperCase();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="gap-2 px-1.5" aria-label={t('topbar.userMenu', { name: user.name })}>
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground">
            {initial}
          </span>
          <span className="hidden max-w-32 truncate text-sm font-medium sm:inline">{user.name}</span>
          <ChevronDown className="hidden text-muted-foreground sm:block" aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="space-y-1 font-normal">
          <div className="text-xs text-muted-foreground">{t('topbar.signedInAs')}</div>
          <div className="flex items-center gap-2">
            <span className="truncate text-sm font-semibold">{user.name}</span>
            <Badge variant="outline">{t(`topbar.role.${user.role}`)}</Badge>
          </div>
          <div className="truncate text-xs text-muted-foreground">{user.email}</div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={logout.isPending}
          onSelect={(event) => {
            // Keep the menu open while the request runs, so the pending state is visible.
            event.preventDefault();
            logout.mutate();
          }}
        >
          <LogOut aria-hidden="true" />
          {logout.isPending ? t('topbar.loggingOut') : t('topbar.logout')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
