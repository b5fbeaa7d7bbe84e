// The rule builder (FR-01, FR-02, FR-05, FR-08, FR-10) in a full-height sheet, in the order admins think about a
// rule: 템플릿 → 대상 → 트리거와 조건 → 반복 → 쿨다운 → 미리보기 (rule-form/). A draft with changes is never thrown
// away without asking — Escape, the X, a click outside, 취소 or leaving the page — and closing puts focus back on
// the button that opened the builder.
import { useQuery } from '@tanstack/react-query';
import { AlertCircle } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { RuleForm, type BuilderTarget } from './rule-form/rule-form';

export type { BuilderTarget };

export function RuleBuilderSheet({ target, onClose }: { target: BuilderTarget | null; onClose: () => void }) {
  const { t } = useTranslation('automations');
  const { t: tRoot } = useTranslation();
  const trpc = useTRPC();
  const open = target !== null;
  const partitions = useQuery({ ...trpc.partitions.list.queryOptions(), enabled: open });
  const templates = useQuery({ ...trpc.templates.list.queryOptions(), enabled: open });
  const ready = partitions.data && templates.data;
  const formKey = target
    ? target.mode === 'edit'
      ? `edit-${target.link.id}-${target.link.updatedAt}`
      : 'create'
    : 'closed';
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const opener = useOpener(open);
  const blocker = useBlocker(open && dirty);
  useWarnBeforeUnload(open && dirty);

  const close = () => {
    setDirty(false);
    setConfirming(false);
    onClose();
  };
  const askToClose = () => (dirty ? setConfirming(true) : close());
  const discardLabels = {
    title: t('builder.discard.title'),
    description: t('builder.discard.description'),
    confirmLabel: t('builder.discard.confirm'),
    cancelLabel: t('builder.discard.keep'),
  };

  return (
    <>
      <Sheet open={open} onOpenChange={(next) => !next && askToClose()}>
        <SheetContent
          className="gap-0 overflow-hidden p-0 sm:max-w-3xl"
          // The overlay asks too, so a click just after the discard confirm closed is not dropped (see SheetContent).
          onOverlayClick={askToClose}
          // 규칙 이름 takes focus when the form is there (RuleForm); not the close button in the corner.
          onOpenAutoFocus={(event) => event.preventDefault()}
          onCloseAutoFocus={(event) => {
            if (!opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
        >
          <SheetHeader className="border-b pr-12">
            <SheetTitle className="text-lg">
              {target?.mode === 'edit'
                ? t('builder.editTitle', { name: target.link.name })
                : t('builder.createTitle')}
            </SheetTitle>
            <SheetDescription>{t('builder.description')}</SheetDescription>
          </SheetHeader>
          {target && ready ? (
            <RuleForm
              key={formKey}
              target={target}
              partitions={partitions.data}
              templates={templates.data}
              onDone={close}
              onDirtyChange={setDirty}
            />
          ) : partitions.isError || templates.isError ? (
            <div className="p-6">
              <Alert variant="destructive" role="alert">
                <AlertCircle aria-hidden="true" />
                <div className="flex flex-1 flex-wrap items-center justify-between gap-2">
                  <span>{describeError(partitions.error ?? templates.error, tRoot)}</span>
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => void Promise.all([partitions.refetch(), templates.refetch()])}
                  >
                    {t('actions.retry')}
                  </Button>
                </div>
              </Alert>
            </div>
          ) : (
            <div className="space-y-4 p-6" role="status" aria-label={t('builder.loading')}>
              <Skeleton className="h-9 w-full" />
              <Skeleton className="h-32 w-full" />
              <Skeleton className="h-24 w-full" />
            </div>
          )}
        </SheetContent>
      </Sheet>
      <ConfirmDialog open={confirming} onOpenChange={setConfirming} onConfirm={close} {...discardLabels} />
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        onOpenChange={(next) => !next && blocker.reset?.()}
        onConfirm={() => {
          setDirty(false);
          blocker.proceed?.();
        }}
        {...discardLabels}
      />
    </>
  );
}

/** The element that had focus when the builder opened (the 새 규칙 or 편집 button), to give focus back on close. */
function useOpener(open: boolean) {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body)
      opener.current = document.activeElement;
  }, [open]);
  return opener;
}

/** A reload or closed tab would lose the draft too: let the browser ask. */
function useWarnBeforeUnload(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}
