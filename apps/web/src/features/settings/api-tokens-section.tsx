// API tokens: create (the token is shown once, with a copy button and a warning), list, revoke after confirming.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, Check, Copy, KeyRound, Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { EmptyState } from '@/components/empty-state';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ApiTokenItem } from '@/features/logs/api-types';
import { applyServerFieldErrors, describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

function CreateTokenDialog({ open, onOpenChange, onCreated }: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (created: { name: string; token: string }) => void }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const form = useForm<{ name: string }>({ defaultValues: { name: '' } });
  const error = form.formState.errors.name?.message;

  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: async (created) => {
        toast.success(t('tokens.created', { name: created.name }));
        form.reset({ name: '' });
        onCreated({ name: created.name, token: created.token });
        await queryClient.invalidateQueries(trpc.apiTokens.pathFilter());
      },
      onError: (err) => {
        if (!applyServerFieldErrors(err, form.setError, ['name'])) form.setError('name', { type: 'server', message: describeError(err, tc) });
        toast.error(describeError(err, tc));
      },
    }),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) form.reset({ name: '' });
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('tokens.createTitle')}</DialogTitle>
          <DialogDescription>{t('tokens.createDescription')}</DialogDescription>
        </DialogHeader>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) =>
            void form.handleSubmit((values) => {
              const name = values.name.trim();
              if (!name) {
                form.setError('name', { type: 'required', message: t('tokens.nameRequired') });
                form.setFocus('name');
                return;
              }
              create.mutate({ name });
            })(event)
          }
        >
          <div className="space-y-1.5">
            <Label htmlFor={nameId}>{t('tokens.name')}</Label>
            <Input
              id={nameId}
              maxLength={100}
              autoComplete="off"
              placeholder={t('tokens.namePlaceholder')}
              aria-invalid={!!error || undefined}
              aria-describedby={error ? `${nameId}-error` : undefined}
              {...form.register('name')}
            />
            {error && (
              <p id={`${nameId}-error`} className="text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t('tokens.cancel')}
            </Button>
            <Button type="submit" pending={create.isPending}>
              {create.isPending ? t('tokens.creating') : t('tokens.submit')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function TokenOnceDialog({ created, onClose }: { created: { name: string; token: string } | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const tokenId = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
      toast.success(t('tokens.copied'));
    } catch {
      document.getElementById(tokenId)?.focus();
      (document.getElementById(tokenId) as HTMLInputElement | null)?.select();
      toast.error(t('tokens.copyFailed'));
    }
  };
  return (
    <Dialog
      open={!!created}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onClose();
        }
      }}
    >
      <DialogContent onInteractOutside={(event) => event.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{t('tokens.onceTitle')}</DialogTitle>
          <DialogDescription className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            {t('tokens.onceWarning')}
          </DialogDescription>
        </DialogHeader>
        <div className="space-y-1.5">
          <Label htmlFor={tokenId}>
            {t('tokens.tokenLabel')}: {created?.name}
          </Label>
          <div className="flex gap-2">
            <Input id={tokenId} readOnly value={created?.token ?? ''} className="font-mono text-xs" onFocus={(e) => e.target.select()} />
            <Button type="button" variant="outline" onClick={() => void copy()}>
              {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              {t('tokens.copy')}
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">{t('tokens.usage')}</p>
        </div>
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            {t('tokens.done')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function ApiTokensSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenItem | null>(null);

  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success(t('tokens.revokedToast', { name: revoking?.name ?? '' }));
        setRevoking(null);
        await queryClient.invalidateQueries(trpc.apiTokens.pathFilter());
      },
      onError: (error) => {
        toast.error(describeError(error, tc));
        setRevoking(null);
      },
    }),
  );

  const rows = tokens.data ?? [];
  const createButton = canEdit ? (
    <Button variant="outline" onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      {t('tokens.create')}
    </Button>
  ) : null;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="space-y-1.5">
          <CardTitle>
            <h2 className="text-base">{t('tokens.title')}</h2>
          </CardTitle>
          <CardDescription>{t('tokens.description')}</CardDescription>
          {!canEdit && <p className="text-sm text-amber-800">{t('tokens.adminOnly')}</p>}
        </div>
        {rows.length > 0 && createButton}
      </CardHeader>
      <CardContent>
        {tokens.isPending ? (
          <Skeleton className="h-9 w-full" />
        ) : tokens.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {t('tokens.loadFailed')}: {describeError(tokens.error, tc)}
          </p>
        ) : rows.length === 0 ? (
          <EmptyState icon={KeyRound} title={t('tokens.emptyTitle')} className="py-10" action={createButton}>
            {t('tokens.emptyBody')}
          </EmptyState>
        ) : (
          <div className="rounded-lg border">
            <Table aria-label={t('tokens.tableLabel')}>
              <TableHeader>
                <TableRow>
                  <TableHead className="px-3">{t('tokens.name')}</TableHead>
                  <TableHead className="px-3">{t('tokens.prefix')}</TableHead>
                  <TableHead className="px-3">{t('tokens.createdBy')}</TableHead>
                  <TableHead className="px-3">{t('tokens.createdAt')}</TableHead>
                  <TableHead className="px-3">{t('tokens.lastUsedAt')}</TableHead>
                  <TableHead className="px-3">{t('tokens.state')}</TableHead>
                  {canEdit && (
                    <TableHead className="px-3">
                      <span className="sr-only">{t('tokens.revoke')}</span>
                    </TableHead>
                  )}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((token) => (
                  <TableRow key={token.id} className={token.revokedAt ? 'text-muted-foreground' : undefined}>
                    <TableCell className="px-3 font-medium whitespace-normal">{token.name}</TableCell>
                    <TableCell className="px-3 font-mono text-xs">{token.prefix}…</TableCell>
                    <TableCell className="px-3">{token.createdBy.name}</TableCell>
                    <TableCell className="px-3">
                      <RelativeTime value={token.createdAt} />
                    </TableCell>
                    <TableCell className="px-3">{token.lastUsedAt ? <RelativeTime value={token.lastUsedAt} /> : t('tokens.neverUsed')}</TableCell>
                    <TableCell className="px-3">
                      {token.revokedAt ? <Badge variant="muted">{t('tokens.revoked')}</Badge> : <Badge variant="success">{t('tokens.active')}</Badge>}
                    </TableCell>
                    {canEdit && (
                      <TableCell className="px-3 text-right">
                        {!token.revokedAt && (
                          <Button
                            variant="ghost"
                            size="sm"
                            className="text-red-700 hover:bg-red-50 hover:text-red-800"
                            aria-label={t('tokens.revokeLabel', { name: token.name })}
                            onClick={() => setRevoking(token)}
                          >
                            {t('tokens.revoke')}
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>

      <CreateTokenDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
        }}
      />
      <TokenOnceDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={!!revoking}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('tokens.revokeTitle', { name: revoking?.name ?? '' })}
        description={t('tokens.revokeBody')}
        confirmLabel={t('tokens.revokeConfirm')}
        cancelLabel={t('tokens.cancel')}
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
      />
    </Card>
  );
}
