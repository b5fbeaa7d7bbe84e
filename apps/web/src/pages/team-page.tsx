// 팀: who is in the org and what they may do. Admins invite (one-time links), change roles and remove people;
// everyone manages their own account here.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { PageHeader } from '@/components/page-header';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { AccountSection } from '@/features/team/account-section';
import { InviteDialog } from '@/features/team/invite-dialog';
import { describeError } from '@/lib/errors';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

const PERMISSIONS = ['read', 'records', 'send', 'rules', 'partitions', 'settings', 'team'] as const;
const MEMBER_CAN = new Set<(typeof PERMISSIONS)[number]>(['read', 'records', 'send']);

export default function TeamPage() {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const isAdmin = me.user.role === 'admin';
  const users = useQuery(trpc.users.list.queryOptions());
  const invitations = useQuery(trpc.users.invitations.queryOptions(undefined, { enabled: isAdmin }));
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.users.pathFilter());
  const onError = (e: unknown) => toast.error(describeError(e, tc));
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: async (u) => (toast.success(t('members.roleChanged', { name: u.name, role: t(`roles.${u.role}`) })), await refresh()), onError }));
  const remove = useMutation(
    trpc.users.remove.mutationOptions({
      onSuccess: async () => {
        toast.success(t('members.removed', { name: removing?.name ?? '' }));
        setRemoving(null);
        await refresh();
      },
      onError,
    }),
  );
  const revoke = useMutation(trpc.users.revokeInvitation.mutationOptions({ onSuccess: async () => (toast.success(t('invitations.revoked')), await refresh()), onError }));

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={isAdmin ? <InviteDialog /> : null} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('members.title')}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {users.isPending ? (
            <Skeleton className="h-24 w-full" />
          ) : users.isError ? (
            <p role="alert">{describeError(users.error, tc)}</p>
          ) : (
            <Table aria-label={t('members.title')}>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('members.name')}</TableHead>
                  <TableHead>{t('members.email')}</TableHead>
                  <TableHead>{t('members.role')}</TableHead>
                  <TableHead>{t('members.joined')}</TableHead>
                  {isAdmin && <TableHead className="sr-only">{t('members.actions')}</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.data.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell className="font-medium">
                      {u.name} {u.id === me.user.id && <Badge variant="outline">{t('members.you')}</Badge>}
                    </TableCell>
                    <TableCell>{u.email}</TableCell>
                    <TableCell>
                      {isAdmin ? (
                        <Select value={u.role} onValueChange={(role) => setRole.mutate({ userId: u.id, role: role === 'admin' ? 'admin' : 'member' })}>
                          <SelectTrigger aria-label={t('members.roleOf', { name: u.name })} className="w-28">
                            <SelectValue />
                          </SelectTrigger>
                          <SelectContent>
                            <SelectItem value="member">{t('roles.member')}</SelectItem>
                            <SelectItem value="admin">{t('roles.admin')}</SelectItem>
                          </SelectContent>
                        </Select>
                      ) : (
                        t(`roles.${u.role}`)
                      )}
                    </TableCell>
                    <TableCell>
                      <RelativeTime value={u.createdAt} className="text-muted-foreground" />
                    </TableCell>
                    {isAdmin && (
                      <TableCell className="text-right">
                        {u.id !== me.user.id && (
                          <Button variant="ghost" size="sm" aria-label={t('members.remove', { name: u.name })} onClick={() => setRemoving({ id: u.id, name: u.name })}>
                            {t('members.removeShort')}
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      {isAdmin && (invitations.data?.length ?? 0) > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t('invitations.title')}</h2>
            </CardTitle>
            <CardDescription>{t('invitations.description')}</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="divide-y" aria-label={t('invitations.title')}>
              {(invitations.data ?? []).map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                  <span className="font-medium">{inv.email}</span>
                  <Badge variant="outline">{t(`roles.${inv.role}`)}</Badge>
                  <span className="text-muted-foreground">{inv.expired ? t('invitations.expired') : t('invitations.pending')}</span>
                  <Button variant="ghost" size="sm" className="ml-auto" aria-label={t('invitations.revoke', { email: inv.email })} onClick={() => revoke.mutate({ id: inv.id })}>
                    {t('invitations.revokeShort')}
                  </Button>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('permissions.title')}</h2>
          </CardTitle>
          <CardDescription>{t('permissions.description')}</CardDescription>
        </CardHeader>
        <CardContent>
          <Table aria-label={t('permissions.title')}>
            <TableHeader>
              <TableRow>
                <TableHead>{t('permissions.what')}</TableHead>
                <TableHead>{t('roles.admin')}</TableHead>
                <TableHead>{t('roles.member')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {PERMISSIONS.map((p) => (
                <TableRow key={p}>
                  <TableCell>{t(`permissions.rows.${p}`)}</TableCell>
                  <TableCell>{t('permissions.yes')}</TableCell>
                  <TableCell>{MEMBER_CAN.has(p) ? t('permissions.yes') : t('permissions.no')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <AccountSection />

      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(next) => !next && setRemoving(null)}
        title={t('members.removeTitle', { name: removing?.name ?? '' })}
        description={t('members.removeBody')}
        confirmLabel={t('members.removeConfirm')}
        cancelLabel={t('members.cancel')}
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ userId: removing.id })}
      />
    </>
  );
}
