import { isEndReason } from '@alimflow/automation-core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { ArrowRight, FilterX, Info, Repeat, SearchX, StopCircle } from 'lucide-react';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataTable } from '@/components/ui/data-table';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import type { RepeatItem } from '@/features/logs/api-types';
import { intervalParts, parseRepeatFilters, REPEAT_STATUSES, serializeRepeatFilters, toRepeatQuery, type RepeatFilters } from '@/features/repeats/filters';
import { RepeatStatusBadge } from '@/features/repeats/repeat-status-badge';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { errorCode, useTRPC } from '@/lib/trpc';

const ALL = 'all';

function recordName(item: RepeatItem, untitled: string): string {
  return item.record.title ?? item.record.phone ?? untitled;
}

export default function RepeatsPage() {
  const { t: tp } = useTranslation();
  const { t, i18n } = useTranslation('repeats');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseRepeatFilters(params), [params]);
  const setFilters = useCallback((patch: Partial<RepeatFilters>) => setParams((prev) => serializeRepeatFilters({ ...parseRepeatFilters(prev), ...patch })), [setParams]);
  const statusId = useId();
  const ruleId = useId();
  const [cancelling, setCancelling] = useState<RepeatItem | null>(null);

  const rules = useQuery(trpc.templateLinks.list.queryOptions(undefined, { staleTime: 60_000 }));
  const repeats = useInfiniteQuery(
    trpc.repeats.list.infiniteQueryOptions({ ...toRepeatQuery(filters), limit: 100 }, { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: 30_000 }),
  );
  const rows = useMemo(() => repeats.data?.pages.flatMap((p) => p.items) ?? [], [repeats.data]);

  const cancel = useMutation(
    trpc.repeats.cancel.mutationOptions({
      onSuccess: () => toast.success(t('cancel.done')),
      onError: (error) => toast.error(errorCode(error) === 'CONFLICT' ? t('cancel.alreadyEnded') : describeError(error, tp)),
      onSettled: async () => {
        setCancelling(null);
        await queryClient.invalidateQueries(trpc.repeats.pathFilter());
      },
    }),
  );

  const columns = useMemo<ColumnDef<RepeatItem>[]>(
    () => [
      {
        id: 'rule',
        header: t('columns.rule'),
        cell: ({ row }) => (
          <div className="min-w-0">
            <div className="max-w-56 truncate font-medium" title={row.original.linkName}>
              {row.original.linkName}
              {row.original.linkDeleted && <span className="font-normal text-muted-foreground"> ({t('table.deletedRule')})</span>}
            </div>
            <div className="font-mono text-[11px] text-muted-foreground">{row.original.template.templateCode}</div>
          </div>
        ),
      },
      {
        id: 'record',
        header: t('columns.record'),
        cell: ({ row }) => {
          const item = row.original;
          if (!item.record.exists) return <span className="text-muted-foreground">{t('table.deletedRecord')}</span>;
          const name = recordName(item, t('table.untitled'));
          return (
            <div className="min-w-0">
              <Link
                to={`/records?record=${item.recordId}`}
                className="block max-w-48 truncate underline-offset-2 hover:underline focus-visible:underline"
                aria-label={t('table.openRecord', { name })}
              >
                {item.record.title ?? t('table.untitled')}
              </Link>
              {item.record.phone && <div className="text-xs text-muted-foreground tabular-nums">{item.record.phone}</div>}
            </div>
          );
        },
      },
      {
        id: 'progress',
        header: t('columns.progress'),
        cell: ({ row }) => {
          const { repeatCount: count, maxRepeat: max } = row.original;
          if (max === null) return <span className="tabular-nums">{t('table.progressUnknown', { count })}</span>;
          return (
            <div className="w-24 space-y-1" title={t('table.progressLabel', { count, max })}>
              <span className="text-sm tabular-nums">{t('table.progress', { count, max })}</span>
              <div className="h-1.5 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label={t('table.progressLabel', { count, max })} aria-valuemin={0} aria-valuemax={max} aria-valuenow={count}>
                <div className={row.original.status === 'pending' ? 'h-full bg-amber-500' : 'h-full bg-neutral-400'} style={{ width: `${Math.min(100, (count / max) * 100)}%` }} />
              </div>
            </div>
          );
        },
      },
      {
        id: 'interval',
        header: t('columns.interval'),
        cell: ({ row }) => {
          const hours = row.original.intervalHours;
          if (hours === null) return <span className="text-muted-foreground">—</span>;
          const { unit, value } = intervalParts(hours);
          return <span className="whitespace-nowrap">{unit === 'days' ? t('table.intervalDays', { days: value }) : t('table.interval', { hours: value })}</span>;
        },
      },
      {
        id: 'nextRun',
        header: t('columns.nextRun'),
        cell: ({ row }) =>
          row.original.status === 'pending' ? (
            new Date(row.original.nextRunAt).getTime() <= Date.now() ? (
              <span className="whitespace-nowrap text-amber-800">{t('table.overdue')}</span>
            ) : (
              <RelativeTime value={row.original.nextRunAt} className="whitespace-nowrap" />
            )
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      { id: 'status', header: t('columns.status'), cell: ({ row }) => <RepeatStatusBadge status={row.original.status} /> },
      {
        id: 'endReason',
        header: t('columns.endReason'),
        cell: ({ row }) => {
          const reason = row.original.endReason;
          if (!reason) return <span className="text-muted-foreground">—</span>;
          return <span className="text-xs text-muted-foreground">{isEndReason(reason) ? t(`endReason.${reason}`) : reason}</span>;
        },
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('columns.actions')}</span>,
        cell: ({ row }) =>
          row.original.status === 'pending' ? (
            <Button
              variant="outline"
              size="sm"
              aria-label={t('cancel.label', { record: recordName(row.original, t('table.untitled')) })}
              onClick={() => setCancelling(row.original)}
            >
              <StopCircle aria-hidden="true" />
              {t('cancel.button')}
            </Button>
          ) : null,
      },
    ],
    [t],
  );

  const table = useReactTable({ data: rows, columns, getRowId: (row) => row.id, getCoreRowModel: getCoreRowModel() });
  const filtered = !!filters.status || !!filters.rule;
  const ruleOptions = (rules.data ?? []).filter((r) => r.repeatConfig !== null || r.id === filters.rule);

  return (
    <>
      <PageHeader title={tp('pages.repeats.title')} description={tp('pages.repeats.description')} />

      <form role="search" aria-label={t('filters.label')} className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4 shadow-xs" onSubmit={(e) => e.preventDefault()}>
        <div className="w-full space-y-1.5 sm:w-48">
          <Label htmlFor={statusId} className="text-xs text-muted-foreground">
            {t('filters.status')}
          </Label>
          <Select value={filters.status ?? ALL} onValueChange={(value) => setFilters({ status: value === ALL ? undefined : (value as RepeatFilters['status']) })}>
            <SelectTrigger id={statusId} className="w-full bg-background">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t('filters.allStatuses')}</SelectItem>
              {REPEAT_STATUSES.map((status) => (
                <SelectItem key={status} value={status}>
                  {t(`status.${status}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="w-full space-y-1.5 sm:w-64">
          <Label htmlFor={ruleId} className="text-xs text-muted-foreground">
            {t('filters.rule')}
          </Label>
          <Select value={filters.rule ?? ALL} onValueChange={(value) => setFilters({ rule: value === ALL ? undefined : value })}>
            <SelectTrigger id={ruleId} className="w-full bg-background">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t('filters.allRules')}</SelectItem>
              {ruleOptions.map((rule) => (
                <SelectItem key={rule.id} value={rule.id}>
                  {rule.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {filtered && (
          <Button type="button" variant="ghost" onClick={() => setParams(new URLSearchParams())}>
            <FilterX aria-hidden="true" />
            {t('filters.reset')}
          </Button>
        )}
      </form>

      {repeats.isPending ? (
        <div className="space-y-2 rounded-xl border bg-card p-4" aria-busy="true" aria-label={tp('common.loading')}>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : repeats.isError ? (
        <EmptyState
          icon={Info}
          title={t('empty.errorTitle')}
          action={
            <Button variant="outline" onClick={() => void repeats.refetch()}>
              {tp('common.retry')}
            </Button>
          }
        >
          {describeError(repeats.error, tp)}
        </EmptyState>
      ) : rows.length === 0 ? (
        filtered && filters.status !== 'pending' ? (
          <EmptyState
            icon={SearchX}
            title={t('empty.filteredTitle')}
            action={
              <Button variant="outline" onClick={() => setParams(new URLSearchParams())}>
                {t('filters.reset')}
              </Button>
            }
          >
            {t('empty.filteredBody')}
          </EmptyState>
        ) : (
          <EmptyState
            icon={Repeat}
            title={tp('pages.repeats.emptyTitle')}
            action={
              <Button asChild>
                <Link to="/automations">
                  {tp('pages.repeats.emptyAction')}
                  <ArrowRight aria-hidden="true" />
                </Link>
              </Button>
            }
          >
            {tp('pages.repeats.emptyBody')}
          </EmptyState>
        )
      ) : (
        <DataTable
          table={table}
          label={t('table.label')}
          estimateRowHeight={58}
          onEndReached={() => {
            if (repeats.hasNextPage && !repeats.isFetchingNextPage) void repeats.fetchNextPage();
          }}
          footer={
            <>
              <span role="status">
                {repeats.hasNextPage ? t('table.loadedMore', { count: formatNumber(rows.length, lang) }) : t('table.loaded', { count: formatNumber(rows.length, lang) })}
              </span>
              {repeats.hasNextPage ? (
                <Button variant="outline" size="sm" pending={repeats.isFetchingNextPage} onClick={() => void repeats.fetchNextPage()}>
                  {repeats.isFetchingNextPage ? t('table.loadingMore') : t('table.loadMore')}
                </Button>
              ) : (
                <span>{t('table.end')}</span>
              )}
            </>
          }
        />
      )}

      <ConfirmDialog
        open={!!cancelling}
        onOpenChange={(open) => !open && setCancelling(null)}
        title={t('cancel.title')}
        description={cancelling ? t('cancel.body', { rule: cancelling.linkName, record: recordName(cancelling, t('table.untitled')) }) : undefined}
        confirmLabel={t('cancel.confirm')}
        cancelLabel={t('cancel.keep')}
        pending={cancel.isPending}
        onConfirm={() => cancelling && cancel.mutate({ id: cancelling.id })}
      >
        {cancelling && (
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge variant="outline">{cancelling.linkName}</Badge>
            <span className="text-muted-foreground">{cancelling.record.phone}</span>
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
