import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { Database, Info, Search, SearchX, X } from 'lucide-react';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import type { RecordItem } from '@/features/logs/api-types';
import { SelectionBar, selectColumn, useRecordSelection } from '@/features/manual-send/selection';
import { AddRecordDialog } from '@/features/records/add-record-dialog';
import type { FieldDef } from '@/features/records/record-form';
import { RecordSheet } from '@/features/records/record-sheet';
import { recordTitle } from '@/features/records/record-title';
import { useRecordsUrl } from '@/features/records/use-records-url';
import { describeError } from '@/lib/errors';
import { formatDate, formatNumber, formatPhoneNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';

const PAGE_SIZE = 100;

function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function cellValue(field: FieldDef, raw: unknown, lang: string) {
  if (raw === undefined || raw === null || raw === '') return <span className="text-muted-foreground">—</span>;
  const value = asText(raw);
  switch (field.type) {
    case 'phone':
      return <span className="whitespace-nowrap tabular-nums">{formatPhoneNumber(value)}</span>;
    case 'select':
      return <Badge variant="outline">{value}</Badge>;
    case 'number':
      return <span className="tabular-nums">{typeof raw === 'number' ? formatNumber(raw, lang) : value}</span>;
    case 'date':
      return <span className="whitespace-nowrap tabular-nums">{/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatDate(value, lang)}</span>;
    default:
      return (
        <span className="block max-w-64 truncate" title={value}>
          {value}
        </span>
      );
  }
}

export default function RecordsPage() {
  const { t: tp } = useTranslation();
  const { t, i18n } = useTranslation('records');
  const { t: ts } = useTranslation('send');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const url = useRecordsUrl();
  const partitionSelectId = useId();
  const searchId = useId();

  const partitions = useQuery(trpc.partitions.list.queryOptions());
  // A link to a record (?record=… from a send log) may come without its partition, or with another one: the
  // record's own partition wins (the side sheet reads the same query).
  const linked = useQuery(trpc.records.get.queryOptions({ id: url.record ?? '' }, { enabled: !!url.record }));
  // The open record's partition, else the one in the URL if it exists, else the first one.
  const byId = (id: string | null | undefined) => (id ? (partitions.data?.find((p) => p.id === id) ?? null) : null);
  const partition = byId(url.record ? linked.data?.partitionId : null) ?? byId(url.partition) ?? partitions.data?.[0] ?? null;
  const partitionId = partition?.id ?? null;
  const fields = useMemo<FieldDef[]>(() => partition?.fields ?? [], [partition]);
  const { update } = url;
  // No partition in the URL means the first one; a chosen one is written there. A linked record from another
  // partition writes its own, so closing the sheet keeps the list the record belongs to.
  const linkedPartition = url.record ? linked.data?.partitionId : undefined;
  useEffect(() => {
    if (linkedPartition && linkedPartition !== url.partition) update({ partition: linkedPartition }, { replace: true });
  }, [linkedPartition, url.partition, update]);

  // Search: typed locally, written to the URL after a pause.
  const [search, setSearch] = useState(url.q);
  useEffect(() => setSearch(url.q), [url.q]);
  useEffect(() => {
    if (search.trim() === url.q) return;
    const id = window.setTimeout(() => update({ q: search.trim() }, { replace: true }), 350);
    return () => window.clearTimeout(id);
  }, [search, url.q, update]);

  const records = useInfiniteQuery(
    trpc.records.list.infiniteQueryOptions(
      { partitionId: partitionId ?? '', limit: PAGE_SIZE, ...(url.q ? { search: url.q } : {}) },
      { enabled: !!partitionId, getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = useMemo(() => records.data?.pages.flatMap((p) => p.items) ?? [], [records.data]);
  const selection = useRecordSelection(partitionId, url.q);

  const columns = useMemo<ColumnDef<RecordItem>[]>(() => {
    const titleField = fields.find((f) => f.type === 'text');
    const fieldColumns: ColumnDef<RecordItem>[] = fields.map((field) => ({
      id: `field:${field.key}`,
      header: field.label,
      cell: ({ row }) => {
        const data = (row.original.data ?? {}) as Record<string, unknown>;
        if (field === titleField) {
          const title = recordTitle(fields, data);
          return (
            <button
              type="button"
              className="max-w-56 truncate rounded-sm text-left font-medium underline-offset-2 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
              aria-label={t('table.open', { name: title ?? t('table.untitled') })}
              onClick={() => update({ record: row.original.id }, { replace: true })}
            >
              {title ?? <span className="text-muted-foreground">{t('table.untitled')}</span>}
            </button>
          );
        }
        return cellValue(field, data[field.key], lang);
      },
    }));
    const open: ColumnDef<RecordItem>[] = titleField
      ? []
      : [
          {
            id: 'open',
            header: () => <span className="sr-only">{t('columns.open')}</span>,
            cell: ({ row }) => (
              <Button variant="link" size="sm" className="h-auto px-0" onClick={() => update({ record: row.original.id }, { replace: true })}>
                {t('columns.open')}
              </Button>
            ),
          },
        ];
    return [
      selectColumn(fields, (key, name) => (key === 'selectRow' ? ts('selection.selectRow', { name }) : ts('selection.selectAll'))),
      ...open,
      ...fieldColumns,
      {
        id: 'createdAt',
        header: t('columns.createdAt'),
        cell: ({ row }) => <RelativeTime value={row.original.createdAt} className="whitespace-nowrap text-muted-foreground" />,
      },
      {
        id: 'updatedAt',
        header: t('columns.updatedAt'),
        cell: ({ row }) => <RelativeTime value={row.original.updatedAt} className="whitespace-nowrap text-muted-foreground" />,
      },
    ];
  }, [fields, lang, t, ts, update]);

  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    state: { rowSelection: selection.rowSelection },
    onRowSelectionChange: selection.setRowSelection,
  });

  const addButton = partition ? (
    <AddRecordDialog partition={{ id: partition.id, name: partition.name, fields }} onCreated={(id) => update({ record: id }, { replace: true })} />
  ) : null;

  let body: ReactNode;
  if (partitions.isPending || (partitionId && records.isPending)) {
    body = (
      <div className="space-y-2 rounded-xl border bg-card p-4" aria-busy="true" aria-label={tp('common.loading')}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    );
  } else if (partitions.isError || records.isError) {
    const error = partitions.error ?? records.error;
    body = (
      <EmptyState
        icon={Info}
        title={t('empty.errorTitle')}
        action={
          <Button variant="outline" onClick={() => void (partitions.isError ? partitions.refetch() : records.refetch())}>
            {tp('common.retry')}
          </Button>
        }
      >
        {describeError(error, tp)}
      </EmptyState>
    );
  } else if (!partition) {
    body = (
      <EmptyState icon={Database} title={t('empty.noPartitionsTitle')}>
        {t('empty.noPartitionsBody')}
      </EmptyState>
    );
  } else if (rows.length === 0) {
    body = url.q ? (
      <EmptyState
        icon={SearchX}
        title={t('empty.noResultsTitle', { q: url.q })}
        action={
          <Button variant="outline" onClick={() => update({ q: '' })}>
            {t('search.clear')}
          </Button>
        }
      >
        {t('empty.noResultsBody')}
      </EmptyState>
    ) : (
      <EmptyState icon={Database} title={t('empty.noRecordsTitle', { partition: partition.name })} action={addButton}>
        {t('empty.noRecordsBody')}
      </EmptyState>
    );
  } else {
    body = (
      <DataTable
        table={table}
        label={t('table.label', { partition: partition.name })}
        onRowClick={(row) => update({ record: row.original.id }, { replace: true })}
        isRowActive={(row) => row.original.id === url.record}
        onEndReached={() => {
          if (records.hasNextPage && !records.isFetchingNextPage) void records.fetchNextPage();
        }}
        footer={
          <>
            <span role="status">
              {records.hasNextPage
                ? t('table.loadedMore', { count: formatNumber(rows.length, lang) })
                : t('table.loaded', { count: formatNumber(rows.length, lang) })}
            </span>
            {records.hasNextPage ? (
              <Button variant="outline" size="sm" pending={records.isFetchingNextPage} onClick={() => void records.fetchNextPage()}>
                {records.isFetchingNextPage ? t('table.loadingMore') : t('table.loadMore')}
              </Button>
            ) : (
              <span>{t('table.end')}</span>
            )}
          </>
        }
      />
    );
  }

  return (
    <>
      <PageHeader title={tp('pages.records.title')} description={tp('pages.records.description')} actions={addButton} />

      {(partitions.data?.length ?? 0) > 0 && (
        <form role="search" aria-label={t('search.label')} className="grid gap-3 rounded-xl border bg-card p-4 shadow-xs sm:grid-cols-[14rem_minmax(0,1fr)]" onSubmit={(e) => e.preventDefault()}>
          <div className="min-w-0 space-y-1.5">
            <Label htmlFor={partitionSelectId} className="text-xs text-muted-foreground">
              {t('partition.label')}
            </Label>
            <Select value={partitionId ?? undefined} onValueChange={(id) => update({ partition: id, q: '', record: null })}>
              <SelectTrigger id={partitionSelectId} className="w-full bg-background">
                <SelectValue placeholder={t('partition.placeholder')} />
              </SelectTrigger>
              <SelectContent>
                {(partitions.data ?? []).map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name} <span className="text-muted-foreground">· {t('partition.count', { count: formatNumber(p.recordCount, lang) })}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="min-w-0 flex-1 space-y-1.5">
            <Label htmlFor={searchId} className="text-xs text-muted-foreground">
              {t('search.label')}
            </Label>
            <div className="relative">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
              <Input
                id={searchId}
                type="search"
                className="bg-background pr-9 pl-9"
                placeholder={t('search.placeholder')}
                value={search}
                maxLength={100}
                onChange={(e) => setSearch(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') update({ q: search.trim() }, { replace: true });
                }}
              />
              {search && (
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="absolute top-1/2 right-1 size-7 -translate-y-1/2"
                  aria-label={t('search.clear')}
                  onClick={() => {
                    setSearch('');
                    update({ q: '' }, { replace: true });
                  }}
                >
                  <X aria-hidden="true" />
                </Button>
              )}
            </div>
          </div>
        </form>
      )}

      {partitionId && <SelectionBar selection={selection} partitionId={partitionId} search={url.q} />}

      {body}

      <RecordSheet recordId={url.record} partitionId={partitionId} fields={fields} onClose={() => update({ record: null }, { replace: true })} />
    </>
  );
}
