// "레코드 추가": a form generated from the partition's fields. Client-side checks first; what the server still
// refuses is shown next to its field.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { describeError } from '@/lib/errors';
import { errorCode, useTRPC } from '@/lib/trpc';
import { RecordFields, useApplyServerErrors } from './record-fields';
import { emptyFormValues, formToCreateData, recordFormSchema, type FieldDef, type RecordFormValues } from './record-form';
import { SendWarningsNote } from './send-warnings-note';

export function AddRecordDialog({
  partition,
  onCreated,
}: {
  partition: { id: string; name: string; fields: FieldDef[] };
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation('records');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => recordFormSchema(partition.fields), [partition.fields]);
  const form = useForm<RecordFormValues>({ resolver: zodResolver(schema), defaultValues: emptyFormValues(partition.fields) });
  const applyServerErrors = useApplyServerErrors();

  const create = useMutation(
    trpc.records.create.mutationOptions({
      onSuccess: async (record) => {
        // The new row shows in the table; the toast offers its details (what the automation decided) in one click.
        toast.success(t('add.done'), onCreated ? { action: { label: t('add.open'), onClick: () => onCreated(record.id) } } : undefined);
        setOpen(false);
        form.reset(emptyFormValues(partition.fields));
        await queryClient.invalidateQueries(trpc.records.list.pathFilter());
        await queryClient.invalidateQueries(trpc.partitions.pathFilter());
      },
      onError: (error) => {
        const rest = errorCode(error) === 'BAD_REQUEST' ? applyServerErrors(error, partition.fields, form) : describeError(error, tc);
        setFormError(rest);
        if (rest) toast.error(t('form.formError', { message: rest }));
      },
    }),
  );

  const onSubmit = (values: RecordFormValues) => {
    setFormError(null);
    create.mutate({ partitionId: partition.id, data: formToCreateData(partition.fields, values) });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset(emptyFormValues(partition.fields));
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" />
          {t('add.button')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('add.title')}</DialogTitle>
          <DialogDescription>{t('add.description', { partition: partition.name })}</DialogDescription>
        </DialogHeader>
        <form noValidate aria-label={t('add.title')} className="space-y-5" onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}>
          <RecordFields fields={partition.fields} form={form} idPrefix="add-record" />
          <SendWarningsNote partitionId={partition.id} fields={partition.fields} form={form} />
          {formError && (
            <p role="alert" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              {t('form.formError', { message: formError })}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t('add.cancel')}
            </Button>
            <Button type="submit" pending={create.isPending}>
              {create.isPending ? t('add.submitting') : t('add.submit')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
