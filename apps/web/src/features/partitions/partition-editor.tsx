// Create or edit a partition: its name, its fields (label, type, select options, order) and the phone field.
// Before saving an edit, the server's dry run says which rules the change would break; the admin then either
// goes back or saves and turns exactly those rules off.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { draftFromFields, FIELD_TYPES, fieldsFromDraft, moveItem, type ApiField, type FieldDraft, type FieldType } from './draft';

export interface EditablePartition {
  id: string;
  name: string;
  fields: ApiField[];
  phoneField: string | null;
}

const NO_PHONE = '__none__';

export function PartitionEditor({ partition, open, onOpenChange }: { partition: EditablePartition | null; open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation('partitions');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const phoneId = useId();
  const [name, setName] = useState('');
  const [drafts, setDrafts] = useState<FieldDraft[]>([]);
  const [phoneField, setPhoneField] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [broken, setBroken] = useState<{ name: string; problems: string[] }[] | null>(null);

  useEffect(() => {
    if (!open) return;
    setName(partition?.name ?? '');
    setDrafts(partition ? draftFromFields(partition.fields) : [{ key: null, label: '', type: 'text', options: '' }]);
    setPhoneField(partition?.phoneField ?? null);
    setError(null);
    setBroken(null);
  }, [open, partition]);

  const done = async (message: string) => {
    toast.success(message);
    onOpenChange(false);
    setBroken(null);
    await queryClient.invalidateQueries(trpc.partitions.pathFilter());
    await queryClient.invalidateQueries(trpc.templateLinks.pathFilter());
  };
  const onError = (e: unknown) => setError(describeError(e, tc));
  const create = useMutation(trpc.partitions.create.mutationOptions({ onSuccess: (p) => done(t('editor.created', { name: p.name })), onError }));
  const update = useMutation(
    trpc.partitions.update.mutationOptions({
      onSuccess: (p) =>
        done(p.deactivatedRules.length > 0 ? t('editor.savedDeactivated', { count: p.deactivatedRules.length, names: p.deactivatedRules.map((r) => r.name).join(', ') }) : t('editor.saved')),
      onError,
    }),
  );
  const check = useMutation(trpc.partitions.checkUpdate.mutationOptions({ onError }));

  const fields = fieldsFromDraft(drafts);
  const phoneFields = fields.filter((f) => f.type === 'phone');
  // A phone field that was removed or retyped is no longer a choice.
  const phoneChoice = phoneField && phoneFields.some((f) => f.key === phoneField) ? phoneField : null;
  const change = { name: name.trim(), fields, phoneField: phoneChoice };

  const save = async () => {
    setError(null);
    if (!partition) {
      create.mutate(change);
      return;
    }
    const result = await check.mutateAsync({ id: partition.id, ...change }).catch(() => null);
    if (!result) return;
    if (result.retypedWithData.length > 0) {
      setError(t('editor.retyped', { fields: result.retypedWithData.map((f) => t('editor.retypedField', { label: f.label, count: f.records })).join(', ') }));
      return;
    }
    if (result.brokenRules.length > 0) {
      setBroken(result.brokenRules);
      return;
    }
    update.mutate({ id: partition.id, ...change });
  };

  const patch = (index: number, next: Partial<FieldDraft>) => setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...next } : d)));
  const pending = create.isPending || update.isPending || check.isPending;

  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent className="max-h-[90svh] overflow-y-auto sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle>{partition ? t('editor.editTitle', { name: partition.name }) : t('editor.createTitle')}</DialogTitle>
            <DialogDescription>{t('editor.description')}</DialogDescription>
          </DialogHeader>
          <form
            aria-label={partition ? t('editor.editTitle', { name: partition.name }) : t('editor.createTitle')}
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <div className="space-y-1.5">
              <Label htmlFor={nameId}>{t('editor.name')}</Label>
              <Input id={nameId} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t('editor.fields')}</legend>
              <p className="text-xs text-muted-foreground">{t('editor.fieldsHint')}</p>
              <ol className="space-y-2">
                {drafts.map((d, i) => (
                  <FieldRow
                    key={i}
                    index={i}
                    draft={d}
                    count={drafts.length}
                    onChange={(next) => patch(i, next)}
                    onMove={(to) => setDrafts((list) => moveItem(list, i, to))}
                    onRemove={() => setDrafts((list) => list.filter((_, j) => j !== i))}
                  />
                ))}
              </ol>
              <Button type="button" variant="outline" size="sm" onClick={() => setDrafts((list) => [...list, { key: null, label: '', type: 'text', options: '' }])}>
                <Plus aria-hidden="true" />
                {t('editor.addField')}
              </Button>
            </fieldset>
            <div className="space-y-1.5">
              <Label htmlFor={phoneId}>{t('editor.phoneField')}</Label>
              <Select value={phoneChoice ?? NO_PHONE} onValueChange={(v) => setPhoneField(v === NO_PHONE ? null : v)}>
                <SelectTrigger id={phoneId} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_PHONE}>{t('editor.noPhoneField')}</SelectItem>
                  {phoneFields.map((f) => (
                    <SelectItem key={f.key} value={f.key}>
                      {f.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <p className="text-xs text-muted-foreground">{t('editor.phoneFieldHint')}</p>
            </div>
            {error && (
              <Alert variant="destructive" role="alert">
                <AlertCircle aria-hidden="true" />
                <div>{error}</div>
              </Alert>
            )}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {t('editor.cancel')}
              </Button>
              <Button type="submit" pending={pending}>
                {partition ? t('editor.save') : t('editor.create')}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={broken !== null}
        onOpenChange={(next) => !next && setBroken(null)}
        title={t('editor.brokenTitle', { count: broken?.length ?? 0 })}
        description={t('editor.brokenBody')}
        confirmLabel={t('editor.brokenConfirm', { count: broken?.length ?? 0 })}
        cancelLabel={t('editor.brokenCancel')}
        pending={update.isPending}
        onConfirm={() => partition && update.mutate({ id: partition.id, ...change, deactivateBrokenRules: true })}
      >
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {(broken ?? []).map((r) => (
            <li key={r.name}>
              <span className="font-medium">{r.name}</span> <span className="text-muted-foreground">— {r.problems.join('; ')}</span>
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </>
  );
}

function FieldRow({
  index,
  draft,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  draft: FieldDraft;
  count: number;
  onChange: (next: Partial<FieldDraft>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('partitions');
  const n = index + 1;
  return (
    <li className="grid gap-2 rounded-md border p-2 sm:grid-cols-[minmax(0,1fr)_9rem_auto]" aria-label={t('editor.fieldN', { n })}>
      <Input aria-label={t('editor.fieldLabel', { n })} value={draft.label} maxLength={100} required placeholder={t('editor.fieldLabelPlaceholder')} onChange={(e) => onChange({ label: e.target.value })} />
      <Select value={draft.type} onValueChange={(v) => onChange({ type: v as FieldType })}>
        <SelectTrigger aria-label={t('editor.fieldType', { n })} className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {FIELD_TYPES.map((type) => (
            <SelectItem key={type} value={type}>
              {t(`types.${type}`)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <div className="flex items-center gap-1">
        <Button type="button" variant="ghost" size="icon" aria-label={t('editor.moveUp', { n })} disabled={index === 0} onClick={() => onMove(index - 1)}>
          <ArrowUp aria-hidden="true" />
        </Button>
        <Button type="button" variant="ghost" size="icon" aria-label={t('editor.moveDown', { n })} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          <ArrowDown aria-hidden="true" />
        </Button>
        <Button type="button" variant="ghost" size="icon" aria-label={t('editor.remove', { n })} onClick={onRemove}>
          <Trash2 aria-hidden="true" />
        </Button>
      </div>
      {draft.type === 'select' && (
        <Input
          className="sm:col-span-3"
          aria-label={t('editor.fieldOptions', { n })}
          placeholder={t('editor.fieldOptionsPlaceholder')}
          value={draft.options}
          onChange={(e) => onChange({ options: e.target.value })}
        />
      )}
      {draft.key && draft.key !== draft.label.trim() && <p className="text-xs text-muted-foreground sm:col-span-3">{t('editor.storedAs', { key: draft.key })}</p>}
    </li>
  );
}
