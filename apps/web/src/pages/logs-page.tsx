import { describeRetryRefusal, retryRefusal } from '@alimflow/automation-core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from '@tanstack/react-table';
import { ArrowRight, Download, Info, RotateCcw, ScrollText, SearchX } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DataTable } from '@/components/ui/data-table';
import { Skeleton } from '@/components/ui/skeleton';
import type { SendLogItem } from '@/features/logs/api-types';
import { SendStatusBadge, TriggerBadge } from '@/features/logs/badges';
import { downloadText } from '@/features/logs/download';
import { useExportLabels } from '@/features/logs/export-labels';
import { hasLogFilters, toSendLogQuery } from '@/features/logs/filters';
import { LogFiltersBar } from '@/features/logs/log-filters-bar';
import { LogSheet } from '@/features/logs/log-sheet';
import { EnrolledBadge } from '@/features/results/enrolled-badge';
import { sendLogMessage } from '@/features/logs/messages';
import { useLogFilters } from '@/features/logs/use-log-filters';
import { useRetrySendLogs } from '@/features/logs/use-retry';
import type { Translate } from '@/features/records/event-sentence';
import { describeError } from '@/lib/errors';
import { formatNumber, formatPhoneNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';

const PAGE_SIZE = 50;
const IN_FLIGHT = new Set(['pending', 'accepted']);

export default function LogsPage() {
  const { t: tp } = useTranslation();
  const { t, i18n } = useTranslation('logs');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const locale = lang.startsWith('en') ? 'en' : 'ko';
  const trpc = useTRPC();
  const { filters, setFilters, resetFilters, openLogId, setOpenLog } = useLogFilters();
  const query = useMemo(() => toSendLogQuery(filters), [filters]);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  const logs = useInfiniteQuery(
    trpc.sendLogs.list.infiniteQueryOptions(
      { ...query, limit: PAGE_SIZE },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        // Sends move pending → accepted → delivered within seconds: follow them while any visible one is on its way.
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((l) => IN_FLIGHT.has(l.status))) ? 4_000 : false),
      },
    ),
  );
  const rows = useMemo(() => logs.data?.pages.flatMap((p) => p.items) ?? [], [logs.data]);
  // The moment the rows were read: a fallback past its result horizon is no longer waited on (core retryRefusal).
  const readAt = useMemo(() => new Date(logs.dataUpdatedAt || Date.now()), [logs.dataUpdatedAt]);

  const retry = useRetrySendLogs(() => setRowSelection({}));
  const exportLabels = useExportLabels();
  const exportCsv = useMutation(
    trpc.sendLogs.export.mutationOptions({
      onSuccess: (file) => {
        downloadText(file.filename, file.csv);
        toast.success(t('actions.exported', { filename: file.filename, count: formatNumber(file.rowCount, lang) }), {
          description: file.truncated ? t('actions.exportTruncated', { max: formatNumber(file.maxRows, lang) }) : undefined,
        });
      },
      onError: (error) => toast.error(describeError(error, tp)),
    }),
  );

  const columns = useMemo<ColumnDef<SendLogItem>[]>(
    () => [
      {
        id: 'select',
        size: 40,
        header: ({ table }) => {
          const failed = table.getRowModel().rows.filter((r) => r.getCanSelect());
          const all = failed.length > 0 && failed.every((r) => r.getIsSelected());
          return (
            <Checkbox
              aria-label={t('table.selectAllFailed')}
              disabled={failed.length === 0}
              checked={all}
              onChange={(e) => failed.forEach((r) => r.toggleSelected(e.target.checked))}
            />
          );
        },
        cell: ({ row }) => {
          if (row.getCanSelect())
            return (
              <Checkbox
                aria-label={t('table.selectRow', { recipient: formatPhoneNumber(row.original.recipientNo) })}
                checked={row.getIsSelected()}
                onChange={row.getToggleSelectedHandler()}
              />
            );
          // A failed send that cannot be retried (its text fallback went out, or may still) says why instead of being choosable.
          const refusal = row.original.status === 'failed' ? retryRefusal(row.original, readAt) : null;
          return refusal ? <Checkbox disabled aria-label={describeRetryRefusal(refusal, locale)} title={describeRetryRefusal(refusal, locale)} /> : null;
        },
      },
      {
        id: 'time',
        header: t('columns.time'),
        cell: ({ row }) => <RelativeTime value={row.original.createdAt} className="whitespace-nowrap text-muted-foreground" />,
      },
      {
        id: 'rule',
        header: t('columns.rule'),
        cell: ({ row }) =>
          row.original.linkName ? (
            <span className="block max-w-48 truncate" title={row.original.linkName}>
              {row.original.linkName}
              {row.original.linkDeleted && <span className="text-muted-foreground"> ({t('table.deletedRule')})</span>}
            </span>
          ) : (
            <span className="text-muted-foreground">{t('table.noRule')}</span>
          ),
      },
      {
        id: 'template',
        header: t('columns.template'),
        cell: ({ row }) => (
          <Badge variant="outline" className="font-mono text-[11px]">
            {row.original.templateCode}
          </Badge>
        ),
      },
      {
        id: 'recipient',
        header: t('columns.recipient'),
        cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{formatPhoneNumber(row.original.recipientNo)}</span>,
      },
      { id: 'trigger', header: t('columns.trigger'), cell: ({ row }) => (
          <span className="inline-flex flex-wrap gap-1">
            <TriggerBadge trigger={row.original.triggerType} />
            <EnrolledBadge enrolmentId={row.original.enrolmentId} />
          </span>
        ),
      },
      { id: 'status', header: t('columns.status'), cell: ({ row }) => <SendStatusBadge status={row.original.status} /> },
      {
        id: 'message',
        header: t('columns.message'),
        cell: ({ row }) => {
          const message = sendLogMessage(row.original, t as unknown as Translate, lang);
          return (
            <span className="line-clamp-2 max-w-72 text-xs text-muted-foreground" title={message}>
              {message}
            </span>
          );
        },
      },
      {
        id: 'details',
        size: 48,
        header: () => <span className="sr-only">{t('columns.details')}</span>,
        cell: ({ row }) => (
          <Button
            variant="ghost"
            size="icon"
            className="size-8"
            aria-label={t('table.openDetails', { recipient: formatPhoneNumber(row.original.recipientNo) })}
            onClick={() => setOpenLog(row.original.id)}
          >
            <ArrowRight aria-hidden="true" />
          </Button>
        ),
      },
    ],
    [t, setOpenLog, locale, readAt],
  );

  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    enableRowSelection: (row) => retryRefusal(row.original, readAt) === null,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
  });
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id] && rows.some((r) => r.id === id && retryRefusal(r, readAt) === null));
  const filtered = hasLogFilters(filters);

  return (
    <>
      <PageHeader
        title={tp('pages.logs.title')}
        description={tp('pages.logs.description')}
        actions={
          <Button variant="outline" pending={exportCsv.isPending} onClick={() => exportCsv.mutate({ ...query, labels: exportLabels() })}>
            {!exportCsv.isPending && <Download aria-hidden="true" />}
            {exportCsv.isPending ? t('actions.exporting') : t('actions.export')}
          </Button>
        }
      />
      <LogFiltersBar filters={filters} onChange={setFilters} onReset={resetFilters} />

      {selectedIds.length > 0 && (
        <div role="region" aria-label={t('actions.selected', { count: selectedIds.length })} className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50/60 px-4 py-2 text-sm">
          <span className="font-medium">{t('actions.selected', { count: selectedIds.length })}</span>
          <Button size="sm" pending={retry.isPending} onClick={() => retry.mutate(selectedIds)}>
            {!retry.isPending && <RotateCcw aria-hidden="true" />}
            {t('actions.retrySelected', { count: selectedIds.length })}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRowSelection({})}>
            {t('actions.clearSelection')}
          </Button>
        </div>
      )}

      {logs.isPending ? (
        <div className="space-y-2 rounded-xl border bg-card p-4" aria-busy="true" aria-label={tp('common.loading')}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      ) : logs.isError ? (
        <EmptyState
          icon={Info}
          title={t('empty.errorTitle')}
          action={
            <Button variant="outline" onClick={() => void logs.refetch()}>
              {tp('common.retry')}
            </Button>
          }
        >
          {describeError(logs.error, tp)}
        </EmptyState>
      ) : rows.length === 0 ? (
        filtered || filters.record ? (
          <EmptyState
            icon={SearchX}
            title={t('empty.filteredTitle')}
            action={
              <Button variant="outline" onClick={resetFilters}>
                {t('filters.reset')}
              </Button>
            }
          >
            {t('empty.filteredBody')}
          </EmptyState>
        ) : (
          <EmptyState
            icon={ScrollText}
            title={tp('pages.logs.emptyTitle')}
            action={
              <Button asChild>
                <Link to="/automations">
                  {tp('pages.logs.emptyAction')}
                  <ArrowRight aria-hidden="true" />
                </Link>
              </Button>
            }
          >
            {tp('pages.logs.emptyBody')}
          </EmptyState>
        )
      ) : (
        <DataTable
          table={table}
          label={t('table.label')}
          onRowClick={(row) => setOpenLog(row.original.id)}
          cornerColumn="details"
          isRowActive={(row) => row.original.id === openLogId}
          onEndReached={() => {
            if (logs.hasNextPage && !logs.isFetchingNextPage) void logs.fetchNextPage();
          }}
          footer={
            <>
              <span role="status">
                {logs.hasNextPage ? t('table.loadedMore', { count: formatNumber(rows.length, lang) }) : t('table.loaded', { count: formatNumber(rows.length, lang) })}
              </span>
              {logs.hasNextPage ? (
                <Button variant="outline" size="sm" pending={logs.isFetchingNextPage} onClick={() => void logs.fetchNextPage()}>
                  {logs.isFetchingNextPage ? t('table.loadingMore') : t('table.loadMore')}
                </Button>
              ) : (
                <span>{t('table.end')}</span>
              )}
            </>
          }
        />
      )}

      <LogSheet id={openLogId} onClose={() => setOpenLog(null)} />
    </>
  );
}
