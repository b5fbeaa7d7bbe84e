// The small dialogs around a rule: test send (to a phone number, optionally with a record's values) and the
// delete confirmation.
import { formatPhone, normalizePhone } from '@alimflow/automation-core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { useId, type FocusEvent } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import type { Link } from './api-types';
import { recordLabel } from './text';

const NO_RECORD = '__none__';

const testSendSchema = z.object({
  phone: z
    .string()
    .trim()
    .min(1, 'testSend.phoneRequired')
    .refine((v) => normalizePhone(v).ok, 'testSend.phoneInvalid'),
  recordId: z.string(),
});
type TestSendValues = z.infer<typeof testSendSchema>;

export function TestSendDialog({ link, onClose }: { link: Link | null; onClose: () => void }) {
  return (
    <Dialog open={link !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-md">{link && <TestSendForm key={link.id} link={link} onDone={onClose} />}</DialogContent>
    </Dialog>
  );
}

function TestSendForm({ link, onDone }: { link: Link; onDone: () => void }) {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const ids = useId();
  const partitions = useQuery(trpc.partitions.list.queryOptions());
  const fields = partitions.data?.find((p) => p.id === link.partitionId)?.fields ?? [];
  const records = useQuery(trpc.records.list.queryOptions({ partitionId: link.partitionId, limit: 50 }));
  const form = useForm<TestSendValues>({ resolver: zodResolver(testSendSchema), defaultValues: { phone: '', recordId: NO_RECORD } });
  const { errors } = form.formState;
  const send = useMutation(
    trpc.templateLinks.testSend.mutationOptions({
      onSuccess: (result) => {
        toast.success(t('toast.testSent', { phone: formatPhone(result.recipientNo) }));
        onDone();
      },
      onError: (error) => toast.error(t('toast.testFailed', { reason: describeError(error, tRoot) })),
    }),
  );
  const onSubmit = (values: TestSendValues) => {
    const phone = normalizePhone(values.phone);
    if (!phone.ok) return;
    send.mutate({ linkId: link.id, phone: phone.value, recordId: values.recordId === NO_RECORD ? null : values.recordId });
  };
  const phoneError = errors.phone?.message;
  const sendable = link.template.sendable;
  const phoneField = form.register('phone', {
    // Shown the way it will be sent: 010-1234-5678.
    onBlur: (e: FocusEvent<HTMLInputElement>) => {
      const phone = normalizePhone(e.target.value);
      if (phone.ok) form.setValue('phone', formatPhone(phone.value));
    },
  });

  return (
    <form noValidate onSubmit={(e) => void form.handleSubmit(onSubmit)(e)} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{t('testSend.title')}</DialogTitle>
        <DialogDescription>{t('testSend.description', { name: link.name })}</DialogDescription>
      </DialogHeader>
      {!sendable && (
        <Alert variant="warning">
          <AlertTriangle aria-hidden="true" />
          <span>{t('testSend.notSendable')}</span>
        </Alert>
      )}
      <div className="space-y-2">
        <Label htmlFor={`${ids}-phone`}>{t('testSend.phone')}</Label>
        <Input
          id={`${ids}-phone`}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          autoFocus
          placeholder={t('testSend.phonePlaceholder')}
          aria-invalid={phoneError ? true : undefined}
          aria-describedby={phoneError ? `${ids}-phone-error` : `${ids}-phone-hint`}
          {...phoneField}
        />
        {phoneError ? (
          <p id={`${ids}-phone-error`} className="text-sm text-destructive">
            {t(phoneError as 'testSend.phoneInvalid')}
          </p>
        ) : (
          <p id={`${ids}-phone-hint`} className="text-xs text-muted-foreground">
            {t('testSend.phoneHint')}
          </p>
        )}
      </div>
      <div className="grid gap-2">
        <Label id={`${ids}-record-label`}>{t('testSend.record')}</Label>
        <Controller
          control={form.control}
          name="recordId"
          render={({ field }) => (
            <Select value={field.value} onValueChange={field.onChange}>
              <SelectTrigger ref={field.ref} className="w-full" aria-labelledby={`${ids}-record-label`} aria-describedby={`${ids}-record-hint`}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NO_RECORD}>{t('testSend.recordNone')}</SelectItem>
                {(records.data?.items ?? []).map((r) => (
                  <SelectItem key={r.id} value={r.id}>
                    {recordLabel(r.data, fields) ?? t('events.recordUnknown', { id: r.id.slice(0, 8) })}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
        <p id={`${ids}-record-hint`} className="text-xs text-muted-foreground">
          {t('testSend.recordHint')}
        </p>
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            {t('actions.cancel')}
          </Button>
        </DialogClose>
        <Button type="submit" pending={send.isPending} disabled={!sendable}>
          {send.isPending ? t('testSend.sending') : t('testSend.submit')}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function DeleteRuleDialog({ link, pending, onConfirm, onClose }: { link: Link | null; pending: boolean; onConfirm: (link: Link) => void; onClose: () => void }) {
  const { t } = useTranslation('automations');
  return (
    <Dialog open={link !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent role="alertdialog" className="sm:max-w-md">
        {link && (
          <>
            <DialogHeader>
              <DialogTitle>{t('deleteDialog.title', { name: link.name })}</DialogTitle>
              <DialogDescription>{t('deleteDialog.body')}</DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline" autoFocus>
                  {t('actions.cancel')}
                </Button>
              </DialogClose>
              <Button type="button" variant="destructive" pending={pending} onClick={() => onConfirm(link)}>
                {pending ? t('deleteDialog.deleting') : t('deleteDialog.confirm')}
              </Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
