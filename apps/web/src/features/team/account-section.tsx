// 내 계정: change the password (other browsers are signed out) and sign out everywhere.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

export function AccountSection() {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const currentId = useId();
  const nextId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmOut, setConfirmOut] = useState(false);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        toast.success(t('account.changed'));
        setCurrent('');
        setNext('');
      },
    }),
  );
  const signOut = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries();
        await navigate('/login', { replace: true });
      },
      onError: (e) => toast.error(describeError(e, tc)),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t('account.title')}</h2>
        </CardTitle>
        <CardDescription>{t('account.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <form
          aria-label={t('account.changeTitle')}
          className="grid gap-3 sm:max-w-md"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ currentPassword: current, newPassword: next });
          }}
        >
          <div className="space-y-1.5">
            <Label htmlFor={currentId}>{t('account.current')}</Label>
            <Input id={currentId} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={nextId}>{t('account.next')}</Label>
            <Input id={nextId} type="password" autoComplete="new-password" required minLength={8} value={next} onChange={(e) => setNext(e.target.value)} />
            <p className="text-xs text-muted-foreground">{t('account.nextHint')}</p>
          </div>
          {change.error && (
            <Alert variant="destructive" role="alert">
              <AlertCircle aria-hidden="true" />
              <div>{describeError(change.error, tc)}</div>
            </Alert>
          )}
          <div>
            <Button type="submit" pending={change.isPending}>
              {t('account.change')}
            </Button>
          </div>
        </form>
        <div className="space-y-2">
          <p className="text-sm text-muted-foreground">{t('account.everywhereHint')}</p>
          <Button variant="outline" onClick={() => setConfirmOut(true)}>
            {t('account.everywhere')}
          </Button>
        </div>
      </CardContent>
      <ConfirmDialog
        open={confirmOut}
        onOpenChange={setConfirmOut}
        title={t('account.everywhereTitle')}
        description={t('account.everywhereBody')}
        confirmLabel={t('account.everywhereConfirm')}
        cancelLabel={t('account.cancel')}
        pending={signOut.isPending}
        onConfirm={() => signOut.mutate()}
      />
    </Card>
  );
}
