// "알림톡 보내기" from the records table: pick a rule, read what would happen (sent / skipped and why, one
// rendered message), then send. The request key is made when the dialog opens, so a double click sends once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Send } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { TemplateContent } from '@/features/automations/template-content';
import { describeError } from '@/lib/errors';
import { formatNumber, formatPhoneNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { DeliveryControlsNote } from './delivery-controls-note';
import { targetCount, targetsInput, type ManualPreview, type ManualTargets } from './types';

export function ManualSendDialog({
  partitionId,
  targets,
  open,
  onOpenChange,
  onSent,
}: {
  partitionId: string;
  targets: ManualTargets;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSent: () => void;
}) {
  const { t, i18n } = useTranslation('send');
  const { t: tc } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ruleId = useId();
  const cooldownId = useId();
  const [linkId, setLinkId] = useState<string | null>(null);
  const [applyCooldown, setApplyCooldown] = useState(true);
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  // The second click of a double click lands before React re-renders the button as pending; the server's request
  // key makes it harmless, this keeps it from showing a second "0 sent" notice.
  const sending = useRef(false);

  useEffect(() => {
    if (open) {
      setRequestKey(crypto.randomUUID());
      sending.current = false;
    }
  }, [open]);

  const links = useQuery(trpc.templateLinks.list.queryOptions({ partitionId }, { enabled: open }));
  const preview = useMutation(trpc.alimtalk.previewManual.mutationOptions());
  const { mutate: runPreview, reset: resetPreview } = preview;
  const input = useMemo(() => (linkId ? { linkId, applyCooldown, ...targetsInput(targets) } : null), [linkId, applyCooldown, targets]);
  useEffect(() => {
    resetPreview();
    if (input) runPreview(input);
  }, [input, runPreview, resetPreview]);

  const send = useMutation(
    trpc.alimtalk.sendManual.mutationOptions({
      onSettled: () => {
        sending.current = false;
      },
      onSuccess: async (result) => {
        toast.success(t('done', { queued: formatNumber(result.queued, lang), skipped: formatNumber(result.skipped, lang) }));
        onOpenChange(false);
        onSent();
        await queryClient.invalidateQueries(trpc.automationEvents.pathFilter());
        await queryClient.invalidateQueries(trpc.sendLogs.pathFilter());
      },
    }),
  );

  const count = targetCount(targets);
  const data = preview.data;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) send.reset();
      }}
    >
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{targets.kind === 'rows' ? t('toRows', { count }) : t('toMatching', { count })}</DialogDescription>
        </DialogHeader>
        <div className="space-y-4">
          <div className="space-y-1.5">
            <Label htmlFor={ruleId}>{t('rule')}</Label>
            <Select value={linkId ?? undefined} onValueChange={setLinkId}>
              <SelectTrigger id={ruleId} className="w-full">
                <SelectValue placeholder={t('rulePlaceholder')} />
              </SelectTrigger>
              <SelectContent>
                {(links.data ?? []).map((link) => (
                  <SelectItem key={link.id} value={link.id}>
                    {link.name} <span className="text-muted-foreground">· {link.template.name}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <p className="text-xs text-muted-foreground">
              {links.data?.length === 0 ? t('noRules') : t('ruleHint')}{' '}
              <Link to="/automations" className="underline underline-offset-2">
                {t('rulesLink')}
              </Link>
            </p>
          </div>
          <div className="flex items-start gap-2">
            <Checkbox id={cooldownId} className="mt-0.5" checked={applyCooldown} onChange={(e) => setApplyCooldown(e.target.checked)} />
            <Label htmlFor={cooldownId} className="leading-snug font-normal">
              {t('applyCooldown')}
            </Label>
          </div>
          {linkId && <PreviewPanel preview={data} pending={preview.isPending} error={preview.error ? describeError(preview.error, tc) : null} />}
          {send.error && (
            <Alert variant="destructive">
              <AlertCircle aria-hidden="true" />
              <div>{describeError(send.error, tc)}</div>
            </Alert>
          )}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {t('cancel')}
          </Button>
          <Button
            disabled={!input || !data || data.send === 0}
            pending={send.isPending}
            onClick={() => {
              if (!input || sending.current) return;
              sending.current = true;
              send.mutate({ ...input, requestKey });
            }}
          >
            <Send aria-hidden="true" />
            {data ? t('submit', { count: data.send }) : t('submitIdle')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function PreviewPanel({ preview, pending, error }: { preview: ManualPreview | undefined; pending: boolean; error: string | null }) {
  const { t } = useTranslation('send');
  if (error) {
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden="true" />
        <div>{error}</div>
      </Alert>
    );
  }
  if (pending || !preview) return <Skeleton className="h-28 w-full" aria-label={t('previewing')} />;
  return (
    <section aria-label={t('preview')} className="space-y-3 rounded-lg border p-3">
      <p className="text-sm font-medium" role="status">
        {t('summary', { send: preview.send, skipped: preview.total - preview.send })}
      </p>
      {preview.skipped.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-muted-foreground">
          {preview.skipped.map((s) => (
            <li key={s.reason}>{t('skippedBecause', { count: s.count, reason: t(`reason.${s.reason}`) })}</li>
          ))}
        </ul>
      )}
      <DeliveryControlsNote delivery={preview.delivery} />
      {preview.sample && (
        <div className="space-y-1">
          <p className="text-xs text-muted-foreground">{t('sample', { phone: formatPhoneNumber(preview.sample.recipientNo) })}</p>
          <TemplateContent content={preview.sample.content} aria-label={t('sampleLabel')} />
        </div>
      )}
    </section>
  );
}
