// "팀원 초대": an email and a role in, a one-time link out. There is no mail server, so the admin copies the link
// and hands it over; it is shown once, like an API token.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Copy, UserPlus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { errorCode, useTRPC } from '@/lib/trpc';

export function InviteDialog() {
  const { t, i18n } = useTranslation('team');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const emailId = useId();
  const roleId = useId();
  const linkId = useId();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.users.pathFilter()),
    }),
  );
  const link = invite.data ? `${window.location.origin}${invite.data.path}` : null;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          invite.reset();
          setEmail('');
          setRole('member');
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" />
          {t('invite.button')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        {link && invite.data ? (
          <>
            <DialogHeader>
              <DialogTitle>{t('invite.linkTitle')}</DialogTitle>
              <DialogDescription>{t('invite.linkBody', { email: invite.data.email, until: formatDate(invite.data.expiresAt, i18n.resolvedLanguage ?? 'ko') })}</DialogDescription>
            </DialogHeader>
            <div className="space-y-1.5">
              <Label htmlFor={linkId}>{t('invite.link')}</Label>
              <div className="flex gap-2">
                <Input id={linkId} readOnly value={link} onFocus={(e) => e.target.select()} />
                <Button
                  type="button"
                  variant="outline"
                  onClick={() =>
                    void navigator.clipboard?.writeText(link).then(
                      () => toast.success(t('invite.copied')),
                      () => toast.error(t('invite.copyFailed')),
                    )
                  }
                >
                  <Copy aria-hidden="true" />
                  {t('invite.copy')}
                </Button>
              </div>
            </div>
            <DialogFooter>
              <Button onClick={() => setOpen(false)}>{t('invite.close')}</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            aria-label={t('invite.title')}
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              invite.mutate({ email, role });
            }}
          >
            <DialogHeader>
              <DialogTitle>{t('invite.title')}</DialogTitle>
              <DialogDescription>{t('invite.description')}</DialogDescription>
            </DialogHeader>
            <div className="space-y-1.5">
              <Label htmlFor={emailId}>{t('invite.email')}</Label>
              <Input id={emailId} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={roleId}>{t('invite.role')}</Label>
              <Select value={role} onValueChange={(v) => setRole(v === 'admin' ? 'admin' : 'member')}>
                <SelectTrigger id={roleId} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="member">{t('roles.member')}</SelectItem>
                  <SelectItem value="admin">{t('roles.admin')}</SelectItem>
                </SelectContent>
              </Select>
              <p className="text-xs text-muted-foreground">{t(`roleHelp.${role}`)}</p>
            </div>
            {invite.error && (
              <Alert variant="destructive" role="alert">
                <AlertCircle aria-hidden="true" />
                <div>{errorCode(invite.error) === 'CONFLICT' ? t('invite.taken') : describeError(invite.error, tc)}</div>
              </Alert>
            )}
            <DialogFooter>
              <Button type="submit" pending={invite.isPending}>
                {t('invite.submit')}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
