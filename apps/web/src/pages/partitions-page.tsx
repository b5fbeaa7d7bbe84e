// 파티션: the record collections and their fields. Everyone sees them; admins create, edit, archive and restore.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Archive, ArchiveRestore, Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { PartitionEditor, type EditablePartition } from '@/features/partitions/partition-editor';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

export default function PartitionsPage() {
  const { t, i18n } = useTranslation('partitions');
  const { t: tc } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const isAdmin = me.user.role === 'admin';
  const partitions = useQuery(trpc.partitions.list.queryOptions({ includeArchived: true }));
  const [editing, setEditing] = useState<EditablePartition | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [archiving, setArchiving] = useState<{ id: string; name: string } | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.partitions.pathFilter());
  const archive = useMutation(
    trpc.partitions.archive.mutationOptions({
      onSuccess: async (p) => {
        toast.success(p.deactivatedRules.length > 0 ? t('archive.doneDeactivated', { name: p.name, count: p.deactivatedRules.length }) : t('archive.done', { name: p.name }));
        setArchiving(null);
        await refresh();
        await queryClient.invalidateQueries(trpc.templateLinks.pathFilter());
      },
      onError: (e) => toast.error(describeError(e, tc)),
    }),
  );
  const restore = useMutation(
    trpc.partitions.restore.mutationOptions({
      onSuccess: async (p) => {
        toast.success(t('archive.restored', { name: p.name }));
        await refresh();
      },
      onError: (e) => toast.error(describeError(e, tc)),
    }),
  );

  const openEditor = (p: EditablePartition | null) => {
    setEditing(p);
    setEditorOpen(true);
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          isAdmin ? (
            <Button onClick={() => openEditor(null)}>
              <Plus aria-hidden="true" />
              {t('create')}
            </Button>
          ) : null
        }
      />
      {!isAdmin && <p className="text-sm text-muted-foreground">{t('memberNote')}</p>}
      {partitions.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : partitions.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(partitions.error, tc)}
        </p>
      ) : (
        <div className="rounded-xl border bg-card shadow-xs">
          <Table aria-label={t('tableLabel')}>
            <TableHeader>
              <TableRow>
                <TableHead>{t('columns.name')}</TableHead>
                <TableHead>{t('columns.fields')}</TableHead>
                <TableHead>{t('columns.records')}</TableHead>
                <TableHead>{t('columns.rules')}</TableHead>
                {isAdmin && <TableHead className="sr-only">{t('columns.actions')}</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {partitions.data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell className="font-medium">
                    {p.name} {p.archivedAt && <Badge variant="outline">{t('archived')}</Badge>}
                  </TableCell>
                  <TableCell className="max-w-96 text-sm text-muted-foreground">
                    {p.fields.map((f) => `${f.label} (${t(`types.${f.type}`)})`).join(', ')}
                  </TableCell>
                  <TableCell className="tabular-nums">{formatNumber(p.recordCount, lang)}</TableCell>
                  <TableCell className="tabular-nums">{formatNumber(p.linkCount, lang)}</TableCell>
                  {isAdmin && (
                    <TableCell className="text-right whitespace-nowrap">
                      <Button variant="ghost" size="sm" aria-label={t('edit', { name: p.name })} onClick={() => openEditor(p)}>
                        <Pencil aria-hidden="true" />
                        {t('editShort')}
                      </Button>
                      {p.archivedAt ? (
                        <Button variant="ghost" size="sm" aria-label={t('archive.restore', { name: p.name })} pending={restore.isPending} onClick={() => restore.mutate({ id: p.id })}>
                          <ArchiveRestore aria-hidden="true" />
                          {t('archive.restoreShort')}
                        </Button>
                      ) : (
                        <Button variant="ghost" size="sm" aria-label={t('archive.action', { name: p.name })} onClick={() => setArchiving({ id: p.id, name: p.name })}>
                          <Archive aria-hidden="true" />
                          {t('archive.short')}
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
      <PartitionEditor partition={editing} open={editorOpen} onOpenChange={setEditorOpen} />
      <ConfirmDialog
        open={archiving !== null}
        onOpenChange={(next) => !next && setArchiving(null)}
        title={t('archive.title', { name: archiving?.name ?? '' })}
        description={t('archive.body')}
        confirmLabel={t('archive.confirm')}
        cancelLabel={t('archive.cancel')}
        pending={archive.isPending}
        onConfirm={() => archiving && archive.mutate({ id: archiving.id, deactivateRules: true })}
      />
    </>
  );
}
