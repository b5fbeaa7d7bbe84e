// One record in a side sheet: its values (edited in place; saving PATCHes only what changed), deleting it, and
// "자동화 기록" — why each rule did or did not send — with its sends.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Trash2, Undo2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { useNow } from '@/hooks/use-now';
import { describeError } from '@/lib/errors';
import { formatRelativeTime } from '@/lib/format';
import { errorCode, useTRPC } from '@/lib/trpc';
import { AutomationHistory, RecordSends } from './automation-history';
import { RecordFields, useApplyServerErrors } from './record-fields';
import { formToPatch, recordFormSchema, recordToFormValues, type FieldDef, type RecordFormValues } from './record-form';
import { recordTitle } from './record-title';
import { SendWarningsNote } from './send-warnings-note';

/** How long after a save the history polls quickly and says the automation is still checking. */
const LIVE_MS = 15_000;

export function RecordSheet({
  recordId,
  partitionId,
  fields,
  onClose,
}: {
  recordId: string | null;
  partitionId: string | null;
  fields: FieldDef[];
  onClose: () => void;
}) {
  const { t } = useTranslation('records');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const record = useQuery(trpc.records.get.queryOptions({ id: recordId ?? '' }, { enabled: !!recordId }));
  // After a save the history polls quickly for a while and says the automation is still checking. Kept here: the
  // body below remounts with the saved values.
  const [live, setLive] = useState<{ id: string; until: number } | null>(null);
  useEffect(() => {
    if (!live) return;
    const id = window.setTimeout(() => setLive(null), Math.max(0, live.until - Date.now()));
    return () => window.clearTimeout(id);
  }, [live]);

  return (
    <Sheet open={!!recordId} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="gap-0 sm:max-w-xl">
        {record.data && recordId ? (
          <RecordSheetBody
            key={`${record.data.id}:${record.data.updatedAt}`}
            record={record.data}
            partitionId={partitionId}
            fields={fields}
            live={live?.id === record.data.id}
            onSaved={() => setLive({ id: record.data.id, until: Date.now() + LIVE_MS })}
            onDeleted={onClose}
          />
        ) : (
          <>
            <SheetHeader className="border-b pr-12">
              <SheetTitle className="text-lg">{t('sheet.title')}</SheetTitle>
              <SheetDescription>{record.isError ? t('sheet.loadFailed') : tc('common.loading')}</SheetDescription>
            </SheetHeader>
            {record.isError ? (
              <p role="alert" className="p-4 text-sm text-red-700">
                {describeError(record.error, tc)}
              </p>
            ) : (
              <div className="space-y-3 p-4" aria-busy="true">
                <Skeleton className="h-9 w-full" />
                <Skeleton className="h-9 w-full" />
                <Skeleton className="h-9 w-2/3" />
              </div>
            )}
          </>
        )}
      </SheetContent>
    </Sheet>
  );
}

interface RecordData {
  id: string;
  data: unknown;
  createdAt: string;
  updatedAt: string;
}

function RecordSheetBody({
  record,
  partitionId,
  fields,
  live,
  onSaved,
  onDeleted,
}: {
  record: RecordData;
  partitionId: string | null;
  fields: FieldDef[];
  live: boolean;
  onSaved: () => void;
  onDeleted: () => void;
}) {
  const { t, i18n } = useTranslation('records');
  const { t: tc } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const applyServerErrors = useApplyServerErrors();
  const initial = useMemo(() => recordToFormValues(fields, record.data), [fields, record.data]);
  const schema = useMemo(() => recordFormSchema(fields), [fields]);
  const form = useForm<RecordFormValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const now = useNow(record.updatedAt);

  const invalidate = async () => {
    await queryClient.invalidateQueries(trpc.records.pathFilter());
    await queryClient.invalidateQueries(trpc.partitions.pathFilter());
  };

  const update = useMutation(
    trpc.records.update.mutationOptions({
      onSuccess: async () => {
        toast.success(t('sheet.saved'));
        onSaved();
        await invalidate();
        await queryClient.invalidateQueries(trpc.automationEvents.pathFilter());
      },
      onError: (error) => {
        const rest = errorCode(error) === 'BAD_REQUEST' ? applyServerErrors(error, fields, form) : describeError(error, tc);
        setFormError(rest);
        if (rest) toast.error(t('form.formError', { message: rest }));
      },
    }),
  );
  const remove = useMutation(
    trpc.records.delete.mutationOptions({
      onSuccess: async (result) => {
        toast.success(result.cancelledRepeats > 0 ? t('sheet.deletedRepeats', { count: result.cancelledRepeats }) : t('sheet.deleted'));
        setConfirmDelete(false);
        onDeleted();
        await invalidate();
      },
      onError: (error) => {
        toast.error(describeError(error, tc));
        setConfirmDelete(false);
      },
    }),
  );

  const onSubmit = (values: RecordFormValues) => {
    setFormError(null);
    const patch = formToPatch(fields, initial, values);
    if (Object.keys(patch).length === 0) {
      toast.info(t('sheet.noChanges'));
      return;
    }
    update.mutate({ id: record.id, data: patch });
  };

  const title = recordTitle(fields, record.data) ?? t('table.untitled');
  const dirty = form.formState.isDirty;

  return (
    <>
      <SheetHeader className="border-b pr-12">
        <SheetTitle className="text-lg">{title}</SheetTitle>
        <SheetDescription>
          {t('sheet.description', { created: formatRelativeTime(record.createdAt, now, lang), updated: formatRelativeTime(record.updatedAt, now, lang) })}
        </SheetDescription>
      </SheetHeader>
      <div className="space-y-8 p-4">
        <section aria-labelledby="record-edit-title" className="space-y-3">
          <div>
            <h3 id="record-edit-title" className="text-sm font-semibold">
              {t('sheet.edit')}
            </h3>
            <p className="text-xs text-muted-foreground">{t('sheet.editHint')}</p>
          </div>
          <form noValidate aria-labelledby="record-edit-title" className="space-y-4" onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}>
            <RecordFields fields={fields} form={form} idPrefix="record-sheet" />
            <SendWarningsNote partitionId={partitionId} fields={fields} form={form} />
            {formError && (
              <p role="alert" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
                <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                {t('form.formError', { message: formError })}
              </p>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" pending={update.isPending} disabled={!dirty}>
                {update.isPending ? t('sheet.saving') : t('sheet.save')}
              </Button>
              {dirty && (
                <Button type="button" variant="ghost" onClick={() => form.reset(initial)}>
                  <Undo2 aria-hidden="true" />
                  {t('sheet.reset')}
                </Button>
              )}
              <Button type="button" variant="ghost" className="ml-auto text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => setConfirmDelete(true)}>
                <Trash2 aria-hidden="true" />
                {t('sheet.delete')}
              </Button>
            </div>
          </form>
        </section>

        <AutomationHistory recordId={record.id} fields={fields} live={live} savedAt={record.updatedAt} />
        <RecordSends recordId={record.id} />
      </div>

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t('sheet.deleteTitle')}
        description={t('sheet.deleteBody', { name: title })}
        confirmLabel={t('sheet.deleteConfirm')}
        cancelLabel={t('sheet.deleteCancel')}
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id: record.id })}
      />
    </>
  );
}
