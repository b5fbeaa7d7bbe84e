// /invite/:token — public: the invitee sees which team invited them, sets a name and a password, and is signed in.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { describeError, serverFieldErrors } from '@/lib/errors';
import { errorCode, useTRPC } from '@/lib/trpc';

function useInviteError() {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  return (error: unknown) => {
    const code = errorCode(error);
    // A token zod refuses (cut short when copied, typed by hand) is as invalid to the invitee as an unknown one.
    if (code === 'NOT_FOUND' || serverFieldErrors(error).token) return t('accept.invalid');
    if (code === 'CONFLICT') return t('accept.used');
    if (code === 'BAD_REQUEST' && error instanceof Error && /expired|만료/.test(error.message)) return t('accept.expired');
    return describeError(error, tc);
  };
}

export default function InvitePage() {
  const { t } = useTranslation('team');
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const nameId = useId();
  const passwordId = useId();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const inviteError = useInviteError();
  useDocumentTitle(t('accept.title'));
  const invitation = useQuery(trpc.invitations.get.queryOptions({ token }, { retry: false }));
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries();
        await navigate('/', { replace: true });
      },
    }),
  );

  return (
    <div className="flex min-h-svh flex-col bg-muted/40">
      <header className="flex justify-end p-4">
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-16">
        <Card className="w-full max-w-sm">
          <CardHeader>
            <CardTitle>
              <h1 className="text-lg">{t('accept.title')}</h1>
            </CardTitle>
            {invitation.data && <CardDescription>{t('accept.description', { org: invitation.data.orgName, role: t(`roles.${invitation.data.role}`) })}</CardDescription>}
          </CardHeader>
          <CardContent>
            {invitation.isPending ? (
              <Skeleton className="h-32 w-full" />
            ) : invitation.isError ? (
              <Alert variant="destructive" role="alert">
                <AlertCircle aria-hidden="true" />
                <div>{inviteError(invitation.error)}</div>
              </Alert>
            ) : (
              <form
                aria-label={t('accept.title')}
                className="space-y-4"
                onSubmit={(e) => {
                  e.preventDefault();
                  accept.mutate({ token, name, password });
                }}
              >
                <p className="text-sm">
                  {t('accept.email')}: <span className="font-medium">{invitation.data.email}</span>
                </p>
                <div className="space-y-1.5">
                  <Label htmlFor={nameId}>{t('accept.name')}</Label>
                  <Input id={nameId} required maxLength={100} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={passwordId}>{t('accept.password')}</Label>
                  <Input id={passwordId} type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
                  <p className="text-xs text-muted-foreground">{t('account.nextHint')}</p>
                </div>
                {accept.error && (
                  <Alert variant="destructive" role="alert">
                    <AlertCircle aria-hidden="true" />
                    <div>{inviteError(accept.error)}</div>
                  </Alert>
                )}
                <Button type="submit" className="w-full" pending={accept.isPending}>
                  {t('accept.submit')}
                </Button>
              </form>
            )}
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
